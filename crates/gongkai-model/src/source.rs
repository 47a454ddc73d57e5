//! Fund sources and kinds of spending: the two small dimensions of a budget line.

use serde::{Deserialize, Serialize};

macro_rules! sources {
    ($( $(#[$doc:meta])* $name:ident = $label:literal $(| $alias:literal)*; )*) => {
        /// Where the money of a budget line comes from (资金来源).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum Source {
            $( $(#[$doc])* #[serde(rename = $label)] $name, )*
        }

        impl Source {
            /// Every source, in the order the tables list them.
            pub const ALL: &'static [Source] = &[$(Source::$name),*];

            /// The canonical Chinese name, as written in the input.
            pub fn label(self) -> &'static str {
                match self { $(Source::$name => $label,)* }
            }

            /// Every name a source may be written as: canonical names and aliases.
            pub fn names() -> Vec<&'static str> {
                vec![$($label, $($alias,)*)*]
            }

            /// Reads a source from its canonical name or a common alias.
            pub fn parse(text: &str) -> Option<Source> {
                match text.trim() {
                    $($label $(| $alias)* => Some(Source::$name),)*
                    _ => None,
                }
            }
        }
    };
}

sources! {
    /// 一般公共预算拨款（本级，一般财力）.
    General = "一般公共预算" | "一般公共预算拨款" | "一般财力";
    /// 上级一般公共预算安排的转移支付.
    GeneralTransfer = "上级一般公共预算转移支付" | "上级一般公共预算安排的转移支付";
    /// 政府性基金预算拨款（本级）.
    Fund = "政府性基金" | "政府性基金预算" | "政府性基金预算拨款";
    /// 上级政府性基金安排的转移支付.
    FundTransfer = "上级政府性基金转移支付" | "上级政府性基金安排的转移支付";
    /// 国有资本经营预算拨款（本级）.
    Capital = "国有资本经营" | "国有资本经营预算" | "国有资本经营预算拨款";
    /// 上级国有资本经营预算安排的转移支付.
    CapitalTransfer = "上级国有资本经营转移支付" | "上级国有资本经营预算安排的转移支付";
    /// 财政专户核拨（教育收费等）.
    SpecialAccount = "财政专户核拨" | "财政专户管理资金";
    /// 单位资金：事业收入.
    BusinessIncome = "事业收入";
    /// 单位资金：上级补助收入.
    SuperiorSubsidy = "上级补助收入";
    /// 单位资金：附属单位上缴收入.
    AffiliatedRemit = "附属单位上缴收入";
    /// 单位资金：事业单位经营收入.
    OperatingIncome = "事业单位经营收入" | "经营收入";
    /// 单位资金：其他收入.
    OtherIncome = "其他收入";
    /// 上年财政拨款结转：一般公共预算.
    CarryGeneral = "一般公共预算结转";
    /// 上年财政拨款结转：政府性基金.
    CarryFund = "政府性基金结转";
    /// 上年财政拨款结转：国有资本经营.
    CarryCapital = "国有资本经营结转";
    /// 上年非财政拨款结转结余：财政专户核拨.
    CarrySpecial = "财政专户结转结余";
    /// 上年非财政拨款结转结余：单位资金.
    CarryUnit = "单位资金结转结余";
}

impl Source {
    /// The sources a group word stands for (财政拨款结转, 单位资金 …): a line must name one of
    /// them, never the group, or its money would land in the wrong sub-row.
    pub fn group(text: &str) -> Option<Vec<Source>> {
        let members: Vec<Source> = match text.trim() {
            "财政拨款结转" => Source::ALL.iter().copied().filter(|s| s.is_fiscal_carryover()).collect(),
            "非财政拨款结转结余" => {
                Source::ALL.iter().copied().filter(|s| s.is_nonfiscal_carryover()).collect()
            }
            "上年结转结余" | "上年结转" => {
                Source::ALL.iter().copied().filter(|s| s.is_carryover()).collect()
            }
            "单位资金" => Source::ALL.iter().copied().filter(|s| s.is_unit_funds()).collect(),
            "财政拨款" => Source::ALL.iter().copied().filter(|s| s.is_fiscal()).collect(),
            _ => return None,
        };
        Some(members)
    }

    /// Current-year fiscal appropriation (财政拨款).
    pub fn is_fiscal(self) -> bool {
        self.is_general() || self.is_fund() || self.is_capital()
    }

    /// Current-year 一般公共预算 (本级 or 上级转移支付).
    pub fn is_general(self) -> bool {
        matches!(self, Source::General | Source::GeneralTransfer)
    }

    /// Current-year 政府性基金 (本级 or 上级).
    pub fn is_fund(self) -> bool {
        matches!(self, Source::Fund | Source::FundTransfer)
    }

    /// Current-year 国有资本经营 (本级 or 上级).
    pub fn is_capital(self) -> bool {
        matches!(self, Source::Capital | Source::CapitalTransfer)
    }

    /// 单位资金 of the current year.
    pub fn is_unit_funds(self) -> bool {
        matches!(
            self,
            Source::BusinessIncome
                | Source::SuperiorSubsidy
                | Source::AffiliatedRemit
                | Source::OperatingIncome
                | Source::OtherIncome
        )
    }

    /// 上年财政拨款结转.
    pub fn is_fiscal_carryover(self) -> bool {
        matches!(self, Source::CarryGeneral | Source::CarryFund | Source::CarryCapital)
    }

    /// 上年非财政拨款结转结余.
    pub fn is_nonfiscal_carryover(self) -> bool {
        matches!(self, Source::CarrySpecial | Source::CarryUnit)
    }

    /// Any 上年结转结余.
    pub fn is_carryover(self) -> bool {
        self.is_fiscal_carryover() || self.is_nonfiscal_carryover()
    }
}

/// The kind of spending of a budget line: 基本支出, 项目支出, or one of the kinds some
/// regions print beside them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Kind {
    /// 基本支出.
    #[serde(rename = "基本")]
    Basic,
    /// 项目支出.
    #[serde(rename = "项目")]
    Project,
    /// 事业单位经营支出.
    #[serde(rename = "事业单位经营")]
    Operating,
    /// 对附属单位补助支出.
    #[serde(rename = "对附属单位补助")]
    Affiliates,
    /// 上缴上级支出.
    #[serde(rename = "上缴上级")]
    Remit,
}

impl Kind {
    /// Every kind, in the order tables list them.
    pub const ALL: &'static [Kind] =
        &[Kind::Basic, Kind::Project, Kind::Operating, Kind::Affiliates, Kind::Remit];

    /// Reads a kind from its name, with or without 支出.
    pub fn parse(text: &str) -> Option<Kind> {
        let t = text.trim();
        let t = t.strip_suffix("支出").unwrap_or(t);
        Kind::ALL.iter().copied().find(|k| k.label() == t)
    }

    /// The canonical name, as written in the input.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Basic => "基本",
            Kind::Project => "项目",
            Kind::Operating => "事业单位经营",
            Kind::Affiliates => "对附属单位补助",
            Kind::Remit => "上缴上级",
        }
    }

    /// Whether lines of this kind name a project.
    pub fn has_project(self) -> bool {
        self == Kind::Project
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_parses_back_from_its_label() {
        for s in Source::ALL {
            assert_eq!(Source::parse(s.label()), Some(*s));
        }
        assert_eq!(Source::parse("一般财力"), Some(Source::General));
        assert_eq!(Source::parse("自筹"), None);
    }

    #[test]
    fn groups_partition_the_sources() {
        for s in Source::ALL {
            let groups = [
                s.is_fiscal(),
                *s == Source::SpecialAccount,
                s.is_unit_funds(),
                s.is_fiscal_carryover(),
                s.is_nonfiscal_carryover(),
            ];
            assert_eq!(groups.iter().filter(|g| **g).count(), 1, "{s:?}");
        }
    }
}
