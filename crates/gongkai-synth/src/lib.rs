//! Realistic synthetic departments for tests and benchmarks.
//!
//! Deterministic from a seed: the same seed gives the same department on every machine and
//! with every version of the dependencies (the generator below is SplitMix64, written out
//! so that no upstream change of a random crate's algorithm can move benchmark inputs).
//! Each department is valid: 50–400 budget lines, 0–40 projects, 0–30 subordinate units,
//! every fund source, and last year's figures with reasons for every compared figure.

use std::collections::BTreeSet;

use gongkai_model::catalogue;
use gongkai_model::facts::{self, ITEMS};
use gongkai_model::figures;
use gongkai_model::input::{
    Budget, CarryoverText, Compared, Department, Headcount, Indicator, ItemCompared, LastYear, LineInput,
    OverallTarget, Performance, ProgrammeTarget, ProjectField, ProjectTarget, ProjectText, Scalar, Staffing,
    UnitInput,
};
use gongkai_model::money::MoneyUnit;
use gongkai_model::profile::{Figure, ListFigure, NarrativeSpec, Profile, Rules};
use gongkai_model::source::Source;

/// SplitMix64: small, fast, and fixed forever.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as u64 - 1) as usize]
    }

    /// An amount in 元 with cents, `lo..=hi` 元.
    fn yuan(&mut self, lo: u64, hi: u64) -> String {
        let cents = self.range(lo * 100, hi * 100);
        format!("{}.{:02}", cents / 100, cents % 100)
    }
}

const WORDS: &[&str] = &[
    "环境",
    "监测",
    "治理",
    "信息化",
    "运维",
    "改造",
    "建设",
    "评估",
    "宣传",
    "培训",
    "应急",
    "能力",
    "提升",
    "平台",
    "设备",
    "购置",
    "服务",
    "管理",
    "保障",
    "专项",
];

fn phrase(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| *rng.pick(WORDS)).collect()
}

fn compared(rng: &mut Rng, what: &str) -> Compared {
    Compared { amount: Scalar(rng.yuan(1_000, 900_000)), reason: Some(format!("{what}{}", phrase(rng, 3))) }
}

/// Last year's figures for every comparison of `spec`: each fixed key, and each code a
/// compared grouping has this year.
fn last_year(r: &mut Rng, units: &[UnitInput], lines: &[LineInput], spec: &NarrativeSpec) -> LastYear {
    let mut last = LastYear::default();
    let draft = Budget { units: units.to_vec(), lines: lines.to_vec(), ..Budget::default() };
    let facts = facts::validate(&draft, &Rules::default()).0;
    for f in &spec.figures {
        match &f.figure {
            Figure::List(ListFigure { entries, compare: Some(prefix), .. }) => {
                for e in entries {
                    let compared = compared(r, &e.label);
                    last.set(&format!("{prefix}.{}", e.key), compared);
                }
            }
            Figure::Compared(c) => {
                let compared = compared(r, "经费");
                last.set(&c.key, compared);
            }
            Figure::Group(g) => {
                let (Some(prefix), Some(facts)) = (&g.compare, &facts) else { continue };
                for code in figures::group_amounts(facts, &facts.lines, g.by, &g.filter).into_keys() {
                    let amount = Scalar(r.yuan(0, 900_000));
                    let reason = Some(format!("科目{}", phrase(r, 2)));
                    if prefix == ITEMS {
                        last.items.push(ItemCompared { code: Scalar(code), name: None, amount, reason });
                    } else {
                        last.set(&format!("{prefix}.{code}"), Compared { amount, reason });
                    }
                }
            }
            _ => {}
        }
    }
    last
}

/// `budget` completed for `profile` with what it asks for and the input lacks: last
/// year's figures for every comparison the profile makes (synthetic amounts and reasons,
/// made as [`department`] makes them) and the 项目说明 fields it requires. The input's
/// own entries are kept. For rendering one input under several profiles.
pub fn complete_for(budget: &Budget, profile: &Profile, seed: u64) -> Budget {
    let mut rng = Rng(seed ^ 0x6c61_7374_7965_6172);
    let made = last_year(&mut rng, &budget.units, &budget.lines, &profile.narrative);
    let mut out = budget.clone();
    for e in made.entries() {
        if out.last_year.get(&e.key).is_none() {
            out.last_year.set(&e.key, e.compared.clone());
        }
    }
    for item in made.items {
        if !out.last_year.items.iter().any(|i| i.code == item.code) {
            out.last_year.items.push(item);
        }
    }
    for text in &mut out.projects {
        fill_project_text(&mut rng, text, &profile.rules);
    }
    out
}

/// Fills the fields of a 项目说明 that `rules` require and `text` leaves empty.
fn fill_project_text(r: &mut Rng, text: &mut ProjectText, rules: &Rules) {
    for field in &rules.project_texts {
        let value = match field {
            ProjectField::Kind => "其他运转类".to_owned(),
            ProjectField::Parent => format!("{}专项", phrase(r, 2)),
            ProjectField::Implementer => format!("{}中心。", phrase(r, 2)),
            ProjectField::Overview => format!("保障{}工作开展。", phrase(r, 3)),
            ProjectField::Basis => format!("依据《{}办法》。", phrase(r, 3)),
            ProjectField::Plan => format!("分阶段推进{}。", phrase(r, 3)),
            ProjectField::Allocation => format!("用于{}。", phrase(r, 3)),
            ProjectField::Period => "2025年1月至12月。".to_owned(),
            ProjectField::Goal => format!("按期完成{}，提升{}水平。", phrase(r, 3), phrase(r, 2)),
        };
        let slot = field.of_mut(text);
        if slot.trim().is_empty() {
            *slot = value;
        }
    }
}

/// A synthetic department for `profile`: its lines use the fund sources the profile's
/// tables print ([`Profile::placed_sources`]), and last year's figures are those its
/// narrative compares. `seed` decides everything else.
pub fn department(seed: u64, profile: &Profile) -> Budget {
    let spec = &profile.narrative;
    let placed = profile.placed_sources();
    let sources: Vec<Source> =
        Source::ALL.iter().copied().filter(|s| placed.is_empty() || placed.contains(s)).collect();
    let common = if sources.contains(&Source::General) { Source::General } else { sources[0] };
    let mut rng = Rng(seed ^ 0x6761_6E67_6B61_6900);
    let name = format!("合成{}第{seed}局", phrase(&mut rng, 2));
    let n_units = rng.range(0, 30) as usize;
    let n_projects = rng.range(0, 40) as usize;
    let n_lines = rng.range(50, 400) as usize;
    let units: Vec<UnitInput> = (1..=n_units)
        .map(|i| UnitInput {
            id: format!("u{i}"), name: format!("{name}第{i}分局"), kind: None, code: None
        })
        .collect();
    let projects: Vec<String> =
        (1..=n_projects).map(|i| format!("{}项目{i}号", phrase(&mut rng, 2))).collect();
    let items: Vec<&str> = catalogue::function_items().map(|(c, _)| c).collect();
    // A profile that prints tables by 政府经济分类 needs every line's 5xx code: only the
    // 款 the catalogue's correspondence maps, for 机关 and 事业单位 alike (a unit may be either).
    let mapped = |c: &str| {
        [facts::OrgKind::Administrative, facts::OrgKind::Institution]
            .into_iter()
            .all(|kind| catalogue::gov_of(c, kind, false).is_some())
    };
    let econ: Vec<&str> = catalogue::economic_items()
        .map(|(c, _)| c)
        .filter(|c| !profile.rules.gov_economic || mapped(c))
        .collect();
    let basic_econ: Vec<&str> = econ.iter().copied().filter(|c| c.starts_with("30")).collect();
    let mut lines = Vec::with_capacity(n_lines);
    for i in 0..n_lines {
        // The first lines go through every source once, so that all of them occur.
        let source = if i < sources.len() {
            sources[i]
        } else if rng.range(0, 9) < 6 {
            common
        } else {
            *rng.pick(&sources)
        };
        let project = (!projects.is_empty() && rng.range(0, 9) < 4).then(|| rng.pick(&projects).clone());
        let unit =
            (n_units > 0 && rng.range(0, 2) == 0).then(|| format!("u{}", rng.range(1, n_units as u64)));
        let econ_code = if project.is_some() { *rng.pick(&econ) } else { *rng.pick(&basic_econ) };
        lines.push(LineInput {
            unit,
            func: Scalar((*rng.pick(&items)).to_owned()),
            econ: Scalar(econ_code.to_owned()),
            gov_econ: gov_econ_of(econ_code),
            kind: if project.is_some() { "项目" } else { "基本" }.to_owned(),
            project,
            source: source.label().to_owned(),
            amount: Scalar(rng.yuan(100, 500_000)),
            ..LineInput::default()
        });
    }
    let general: Vec<&LineInput> =
        lines.iter().filter(|l| Source::parse(&l.source).is_some_and(Source::is_general)).collect();
    let general_projects: BTreeSet<String> = general.iter().filter_map(|l| l.project.clone()).collect();
    let carry_projects: BTreeSet<String> = lines
        .iter()
        .filter(|l| Source::parse(&l.source).is_some_and(Source::is_carryover))
        .filter_map(|l| l.project.clone())
        .collect();
    let r = &mut rng;
    let last_year = last_year(r, &units, &lines, spec);
    let indicator = |r: &mut Rng, n: usize| Indicator {
        level1: (*r.pick(&["产出指标", "效益指标", "满意度指标"])).to_owned(),
        level2: (*r.pick(&["数量指标", "质量指标", "时效指标"])).to_owned(),
        name: format!("指标{n}{}", phrase(r, 2)),
        value: format!("≥{}%", r.range(60, 100)),
        basis: "计划标准".to_owned(),
        weight: Scalar(r.range(5, 20).to_string()),
        last_value: Some("/".to_owned()),
        scoring: Some("按照完成比例赋分".to_owned()),
        evidence: Some("工作资料".to_owned()),
        nature: None,
        measure: None,
        core: None,
        activity: None,
    };
    let performance = Performance {
        overall: Some(OverallTarget {
            contact: "张三".to_owned(),
            phone: "0994-1234567".to_owned(),
            goal: format!("全面完成{}任务。", phrase(r, 4)),
            // The form's funds come from the lines; nothing to state.
            superior_funds: Scalar::default(),
            local_funds: Scalar::default(),
            other_funds: Scalar::default(),
            indicators: (1..=4).map(|n| indicator(r, n)).collect(),
        }),
        projects: general_projects
            .iter()
            .take(3)
            .map(|p| ProjectTarget {
                project: p.clone(),
                title: None,
                leader: "李四".to_owned(),
                goal: format!("完成{p}。"),
                indicators: (1..=5).map(|n| indicator(r, n)).collect(),
            })
            .collect(),
        // A programme the department manages, where the profile prints programmes (W431
        // otherwise): its transfers to the level below are outside its lines; its own
        // spending, not stated, is its lines' (none: no project has its name or parent).
        programmes: [ProgrammeTarget {
            name: "示范专项资金".to_owned(),
            transfers: Scalar::from("500000"),
            // Fixed texts: drawing from the generator here would change every department
            // generated after it.
            overview: "本级财政安排、由本部门主管的专项资金。".to_owned(),
            goal: "按计划完成专项资金支持的项目。".to_owned(),
            indicators: vec![Indicator {
                name: "支持项目数量".to_owned(),
                value: "10".to_owned(),
                weight: Scalar::from("100"),
                ..Indicator::default()
            }],
            ..ProgrammeTarget::default()
        }]
        .into_iter()
        .filter(|_| profile.forms.programme.is_some())
        .collect(),
    };
    let mut budget = Budget {
        department: Department {
            name,
            year: 2025,
            money_unit: MoneyUnit::Yuan,
            published: "2025-02-20".to_owned(),
            kind: (*r.pick(&["行政单位", "参公事业单位", "事业单位"])).to_owned(),
            functions: format!("负责{}工作。", phrase(r, 6)),
            offices: (1..=r.range(0, 6)).map(|i| format!("第{i}科")).collect(),
            staffing: Staffing {
                establishment: r.range(5, 200) as u32,
                in_service: Headcount { count: r.range(5, 200) as u32, change: r.range(0, 6) as i32 - 3 },
                retired: Headcount { count: r.range(0, 50) as u32, change: 0 },
                veteran: Headcount::default(),
            },
            ..Department::default()
        },
        units,
        lines,
        last_year,
        projects: general_projects
            .iter()
            .map(|p| {
                let mut text = ProjectText {
                    name: p.clone(),
                    basis: format!("依据《{}办法》。", phrase(r, 3)),
                    allocation: format!("用于{}。", phrase(r, 3)),
                    period: "2025年1月至12月。".to_owned(),
                    ..ProjectText::default()
                };
                fill_project_text(r, &mut text, &profile.rules);
                text
            })
            .collect(),
        carryover: carry_projects
            .iter()
            .map(|p| CarryoverText { project: p.clone(), purpose: format!("支付{p}上年尾款。") })
            .collect(),
        performance,
        ..Budget::default()
    };
    with_codes(seed, &mut budget);
    budget
}

/// Every other department has 部门代码 and 单位代码 (the department's three digits, each
/// unit's three more), from a generator of their own so the rest stays as it was.
fn with_codes(seed: u64, budget: &mut Budget) {
    if seed % 2 == 1 {
        return;
    }
    let mut r = Rng(seed ^ 0x636f_6465_7300);
    let code = format!("{:03}", r.range(1, 999));
    budget.department.unit_code = Some(format!("{code}001"));
    budget.department.code = Some(code.clone());
    for (i, u) in budget.units.iter_mut().enumerate() {
        u.code = Some(format!("{code}{:03}", i + 2));
    }
}

/// A department as YAML text, as a user would keep it.
///
/// # Panics
///
/// Never for a [`Budget`] built by [`department`]: all its values serialise.
pub fn yaml(budget: &Budget) -> String {
    serde_saphyr::to_string(budget).expect("a budget serialises to YAML")
}

/// Hostile but valid departments, each near one documented limit: the checks must stay
/// linear on them (`scripts/bench-hostile.sh` times `gongkai validate` on each). Returns
/// (name, budget), made for `profile` as [`department`] is.
pub fn hostile(profile: &Profile) -> Vec<(&'static str, Budget)> {
    let base = department(1, profile);
    let line = |i: usize, project: Option<String>| LineInput {
        func: Scalar("2080505".into()),
        econ: Scalar(if project.is_some() { "30227" } else { "30101" }.into()),
        kind: if project.is_some() { "项目" } else { "基本" }.into(),
        project,
        source: "一般公共预算".into(),
        amount: Scalar(format!("{}.00", 100 + i % 7)),
        ..LineInput::default()
    };
    let mut out = Vec::new();

    // Tens of thousands of identical rows: one 项, one 款, the same amount.
    let mut b = base.clone();
    b.lines = (0..100_000).map(|i| line(i, None)).collect();
    out.push(("identical-lines", b));

    // Thousands of projects whose texts are all the same (the repeated-text check).
    let mut b = base.clone();
    let n = 10_000;
    b.lines = (0..n).map(|i| line(i, Some(format!("重复项目{i}")))).collect();
    b.projects = (0..n)
        .map(|i| ProjectText {
            name: format!("重复项目{i}"),
            basis: "依据同一文件设立，用于保障同一类工作的正常开展。".into(),
            allocation: "资金按照同一办法分配，统一用于同一类工作。".into(),
            period: "2025年1月至12月".into(),
            ..ProjectText::default()
        })
        .collect();
    b.carryover.clear();
    b.performance.projects.clear();
    out.push(("identical-project-texts", b));

    // Thousands of subordinate units, each with lines.
    let mut b = base.clone();
    b.units = (1..=20_000)
        .map(|i| UnitInput { id: format!("u{i}"), name: format!("第{i}分局"), kind: None, code: None })
        .collect();
    b.lines = (0..60_000)
        .map(|i| LineInput { unit: Some(format!("u{}", 1 + i % 20_000)), ..line(i, None) })
        .collect();
    b.projects.clear();
    b.carryover.clear();
    b.performance.projects.clear();
    out.push(("many-units", b));

    // Thousands of codes the catalogue lacks, each named once.
    let mut b = base;
    b.lines = (0..40_000)
        .map(|i| {
            let code = format!("20805{:02}", 50 + (i % 49));
            let named = i < 49;
            LineInput {
                func: Scalar(code.clone()),
                func_name: named.then(|| format!("试点支出{code}")),
                ..line(i, None)
            }
        })
        .collect();
    b.projects.clear();
    b.carryover.clear();
    b.performance.projects.clear();
    out.push(("unknown-codes-named-once", b));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_department() {
        let profile = gongkai_profile::builtin(gongkai_model::DEFAULT_PROFILE).expect("built in");
        assert_eq!(department(7, &profile), department(7, &profile));
        assert_ne!(department(7, &profile), department(8, &profile));
    }

    /// A department for a profile grouping by 政府经济分类 has no line the correspondence
    /// cannot place (it would be error E207), so `profile check` can render it.
    #[test]
    fn departments_of_a_gov_economic_profile_map_every_line() {
        let mut profile = gongkai_profile::builtin(gongkai_model::DEFAULT_PROFILE).expect("built in");
        profile.rules.gov_economic = true;
        for seed in 1..=5 {
            let budget = department(seed, &profile);
            let analysis = gongkai_model::analyse(&budget, &profile);
            let unmapped: Vec<_> =
                analysis.diagnostics.iter().filter(|d| d.message.contains("对应的政府经济分类")).collect();
            assert!(unmapped.is_empty(), "seed {seed}: {unmapped:#?}");
            let facts = analysis.facts.expect("facts");
            assert!(facts.lines.iter().all(|l| !l.gov_econ.is_empty()), "seed {seed}");
        }
        // Without the rule, codes without a correspondence still occur (so the filter is real).
        profile.rules.gov_economic = false;
        let unmapped = (1..=5)
            .flat_map(|seed| department(seed, &profile).lines)
            .any(|l| catalogue::gov_of(l.econ.as_str(), facts::OrgKind::Administrative, false).is_none());
        assert!(unmapped, "some synthetic line has an unmapped 款");
    }

    #[test]
    fn departments_use_only_the_sources_their_profile_prints() {
        for id in gongkai_profile::builtin_ids() {
            let profile = gongkai_profile::builtin(id).expect("built in");
            let placed = profile.placed_sources();
            for seed in 1..=5 {
                for line in department(seed, &profile).lines {
                    let source = Source::parse(&line.source).expect("a known source");
                    assert!(placed.contains(&source), "{id}: {} is not printed", line.source);
                }
            }
        }
    }
}

/// The bundled example, the model of [`example_variant`].
const EXAMPLE: &str = include_str!("../../../examples/changji-epmc-2025.yaml");
/// The example's department, replaced by each variant's name.
const EXAMPLE_ORG: &str = "昌吉回族自治州环境污染监控中心";
/// The example's short region name, replaced by each variant's short region name.
const EXAMPLE_SHORT: &str = "昌吉州";

/// Regions (full name, short name) and kinds of department the variants are named from.
/// The same lists, in the same order, as the Python baseline's model maker
/// (`shared/bench/python-baseline/make_model.py`), so that both sides of the side-by-side
/// benchmark can render departments of the same names.
pub const REGIONS: &[(&str, &str)] = &[
    ("伊犁哈萨克自治州", "伊犁州"),
    ("塔城地区", "塔城地区"),
    ("阿勒泰地区", "阿勒泰地区"),
    ("博尔塔拉蒙古自治州", "博州"),
    ("巴音郭楞蒙古自治州", "巴州"),
    ("阿克苏地区", "阿克苏地区"),
    ("克孜勒苏柯尔克孜自治州", "克州"),
    ("喀什地区", "喀什地区"),
    ("和田地区", "和田地区"),
    ("哈密市", "哈密市"),
    ("吐鲁番市", "吐鲁番市"),
    ("乌鲁木齐市", "乌鲁木齐市"),
    ("克拉玛依市", "克拉玛依市"),
    ("昌吉回族自治州", "昌吉州"),
];

/// See [`REGIONS`].
pub const KINDS: &[&str] = &[
    "环境污染监控中心",
    "生态环境监测站",
    "水利局",
    "教育局",
    "卫生健康委员会",
    "自然资源局",
    "农业农村局",
    "交通运输局",
    "文化体育广电和旅游局",
    "市场监督管理局",
    "统计局",
    "档案馆",
    "机关事务管理局",
    "住房和城乡建设局",
    "民政局",
    "人力资源和社会保障局",
    "审计局",
    "林业和草原局",
    "应急管理局",
    "气象局",
    "疾病预防控制中心",
    "公共资源交易中心",
];

/// How a variant differs from the example.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Index into [`REGIONS`].
    pub region: usize,
    /// Index into [`KINDS`].
    pub kind: usize,
    /// The department's name: region and kind.
    pub name: String,
    /// Every amount of the example times this factor, in hundredths (25..=600: ×0.25..×6.00).
    pub factor_percent: u64,
}

/// The example, renamed and with every amount scaled: a department of the example's size
/// (the same lines, projects, texts and tables) for benchmarks, deterministic from `seed`.
///
/// The factor has two decimals and the example's amounts are whole 元, so every scaled
/// amount is exact to the cent and every identity of the example (totals, fund splits,
/// procurement) still holds. Names in the texts change with the department (the example's
/// name and its short region name are replaced, as the Python baseline does); amounts typed
/// inside free texts (e.g. a project's 资金安排 sentence) are left as written.
pub fn example_variant(seed: u64) -> (Budget, Variant) {
    let mut rng = Rng(seed.wrapping_mul(0xA076_1D64_78BD_642F) ^ 0x5EED);
    let region = rng.range(0, REGIONS.len() as u64 - 1) as usize;
    let kind = rng.range(0, KINDS.len() as u64 - 1) as usize;
    let factor_percent = log_uniform_percent(rng.next());
    let (full, short) = REGIONS[region];
    let name = format!("{full}{}", KINDS[kind]);

    let base: Budget =
        gongkai_yaml::parse_clean(EXAMPLE.as_bytes(), "example.yaml").expect("the bundled example parses");
    let mut value = serde_json::to_value(&base).expect("a budget serialises");
    rename(&mut value, &name, short);
    let mut budget: Budget = serde_json::from_value(value).expect("a renamed budget deserialises");
    scale_amounts(&mut budget, factor_percent);
    (budget, Variant { region, kind, name, factor_percent })
}

/// A factor log-uniform over ×0.25..×6, like the baseline's maker, in hundredths.
#[allow(clippy::float_arithmetic)]
fn log_uniform_percent(random: u64) -> u64 {
    let unit = (random >> 11) as f64 / (1u64 << 53) as f64;
    let factor = (0.25f64.ln() + unit * (6.0f64.ln() - 0.25f64.ln())).exp();
    ((factor * 100.0).round() as u64).clamp(25, 600)
}

fn rename(value: &mut serde_json::Value, name: &str, short: &str) {
    match value {
        serde_json::Value::String(s) => *s = s.replace(EXAMPLE_ORG, name).replace(EXAMPLE_SHORT, short),
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| rename(v, name, short)),
        serde_json::Value::Object(map) => map.values_mut().for_each(|v| rename(v, name, short)),
        _ => {}
    }
}

/// An amount in 元 as written (`103400.00`, `0`), in cents.
fn cents(amount: &Scalar) -> u64 {
    let text = amount.as_str();
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    format!("{whole}{frac:0<2}").parse().expect("the example's amounts are plain decimals")
}

fn set_cents(amount: &mut Scalar, cents: u64) {
    *amount = Scalar(format!("{}.{:02}", cents / 100, cents % 100));
}

/// An amount in 元 times `percent` / 100, to the cent (rounded half up).
fn scale(amount: &mut Scalar, percent: u64) {
    let scaled = (cents(amount) * percent + 50) / 100;
    set_cents(amount, scaled);
}

fn scale_amounts(b: &mut Budget, p: u64) {
    for line in &mut b.lines {
        scale(&mut line.amount, p);
    }
    let ly = &mut b.last_year;
    // Every compared figure, whatever the profile's keys (the tree is nested by key).
    fn scale_node(node: &mut gongkai_model::input::LastNode, p: u64) {
        match node {
            gongkai_model::input::LastNode::Figure(c) if !c.amount.is_empty() => scale(&mut c.amount, p),
            gongkai_model::input::LastNode::Figure(_) => {}
            gongkai_model::input::LastNode::Level(map) => map.values_mut().for_each(|n| scale_node(n, p)),
        }
    }
    ly.figures.values_mut().for_each(|n| scale_node(n, p));
    for item in &mut ly.items {
        scale(&mut item.amount, p);
    }
    let pr = &mut b.procurement;
    for a in
        [&mut pr.goods, &mut pr.works, &mut pr.services, &mut pr.sme_reserved, &mut pr.small_micro_reserved]
    {
        scale(a, p);
    }
    let a = &mut b.assets;
    for v in [
        &mut a.building_value,
        &mut a.general_vehicles.value,
        &mut a.enforcement_vehicles.value,
        &mut a.other_vehicles.value,
        &mut a.furniture_value,
        &mut a.other_value,
    ] {
        scale(v, p);
    }
    // Funds an input still states for the overall form add up to the budget the form
    // describes only to the 万元 it prints, which a scaled copy would not keep: a copy states
    // none, and its form prints the amounts of its scaled lines.
    if let Some(o) = &mut b.performance.overall {
        for v in [&mut o.superior_funds, &mut o.local_funds, &mut o.other_funds] {
            *v = Scalar::default();
        }
    }
}

/// The 政府经济分类 a line must state itself: one for a 部门经济分类 款 the catalogue's
/// correspondence does not map for every unit kind (31022 无形资产购置 has no 机关 row), so
/// that a profile printing by 政府经济分类 takes the line. The 类's 其他 款 (31099) stands in.
fn gov_econ_of(econ: &str) -> Option<Scalar> {
    use gongkai_model::facts::OrgKind;
    let kinds = [OrgKind::Administrative, OrgKind::Institution];
    if kinds.iter().all(|&k| catalogue::gov_of(econ, k, false).is_some()) {
        return None;
    }
    let other = format!("{}99", econ.get(..3)?);
    kinds
        .iter()
        .find_map(|&k| catalogue::gov_of(econ, k, false).or_else(|| catalogue::gov_of(&other, k, false)))
        .map(|p| Scalar(p.gov.to_owned()))
}
