//! Mutations of budget inputs: bytes, lines, scalars and texts, chosen by a seeded
//! generator so that a failing case can be replayed from its seed.

/// xorshift64*: small, fast, and the same on every machine.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { usize::try_from(self.next() % n as u64).unwrap_or(0) }
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Values that have broken parsers and checks before, or might.
const SCALARS: &[&str] = &[
    "0",
    "-1",
    "-0",
    "0.001",
    "1e30",
    "12,5",
    "1,034.00",
    "1,,0",
    "0x10",
    "0o17",
    "0b11",
    "１２３",
    "１，２３４．５",
    "",
    "~",
    "null",
    "true",
    "NaN",
    ".inf",
    "79228162514264337593543950335",
    "79228162514264337593543950336",
    "99999999999999999999999",
    "4294967295",
    "4294967296",
    "65535",
    "2147483648",
    "-2147483649",
    "1_000",
    "+5",
    "5.",
    ".5",
    "00012",
    "2080505",
    "20805",
    "3010",
    "301011",
    "9999999",
    "[]",
    "{}",
    "'x'",
    "\"\"",
];

/// Texts that must stay data.
const TEXTS: &[&str] = &[
    "# 标题",
    "## 二级",
    "- 列表",
    "@table t1",
    "@forms",
    "@signature 甲|乙",
    "@pagebreak",
    "@",
    "{{org}}",
    "{{{org}}}",
    "<script>alert(1)</script>",
    "&amp;",
    "甲\n# 乙",
    "甲\n@table t3",
    "\u{7}",
    "\u{1b}[31m红",
    "\u{200b}零宽",
    "\u{feff}",
    "\u{202e}反向",
    "\u{e000}0\u{e001}",
    "𠀀",
    "堃玥昇镕",
    "㎡€‰№①",
    "\t",
    "\r\n",
    "一般公共预算",
    "项目",
    "基本",
    "t1",
    "表6",
    "total",
    "u0",
    "..",
    "../../x",
    "CON",
    "|",
    "\"",
    "'",
];

/// Bytes and characters worth inserting.
const PIECES: &[&str] = &[
    ":", "-", "#", "&a", "*a", "\n", " ", "  ", "\"", "'", "{", "}", "[", "]", ",", "?", "!", "|", ">", "%",
    "<<: *a", "---", "...", "0", "9", "中", "\u{0}", "\t", "\u{85}", "\u{2028}", "\\", "\u{ff0c}",
];

/// One mutation of a YAML text.
pub(crate) fn yaml(text: &str, rng: &mut Rng) -> String {
    let mut out = text.to_owned();
    for _ in 0..1 + rng.below(3) {
        out = match rng.below(11) {
            0 => replace_scalar(&out, rng, SCALARS),
            1 => replace_scalar(&out, rng, TEXTS),
            9 => replace_flow_value(&out, rng, SCALARS),
            10 => replace_flow_value(&out, rng, TEXTS),
            2 => insert_piece(&out, rng),
            3 => delete_range(&out, rng),
            4 => duplicate_line(&out, rng),
            5 => swap_lines(&out, rng),
            6 => flip_byte(&out, rng),
            7 => grow_text(&out, rng),
            _ => drop_line(&out, rng),
        };
    }
    out
}

fn char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Replaces the value of a random `key: value` line with one of `values`.
fn replace_scalar(text: &str, rng: &mut Rng, values: &[&str]) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let candidates: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].contains(": ")).collect();
    if candidates.is_empty() {
        return text.to_owned();
    }
    let i = *rng.pick(&candidates);
    let value = *rng.pick(values);
    let line = lines[i];
    let cut = line.find(": ").map_or(line.len(), |p| p + 2);
    let quoted =
        if rng.below(2) == 0 { serde_json::to_string(value).unwrap_or_default() } else { value.to_owned() };
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    out[i] = format!("{}{}", &line[..cut], quoted);
    out.join("\n") + "\n"
}

/// Replaces one value of a flow mapping (`{func: 2080505, amount: 1}`) with one of
/// `values`, quoted or not, keeping the mapping well-formed when the value allows.
fn replace_flow_value(text: &str, rng: &mut Rng, values: &[&str]) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let candidates: Vec<usize> =
        (0..lines.len()).filter(|&i| lines[i].contains('{') && lines[i].contains(": ")).collect();
    if candidates.is_empty() {
        return text.to_owned();
    }
    let i = *rng.pick(&candidates);
    let line = lines[i];
    let starts: Vec<usize> = line.match_indices(": ").map(|(p, _)| p + 2).collect();
    let start = *rng.pick(&starts);
    let end = line[start..].find([',', '}']).map_or(line.len(), |e| start + e);
    let value = *rng.pick(values);
    let quoted =
        if rng.below(3) > 0 { serde_json::to_string(value).unwrap_or_default() } else { value.to_owned() };
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    out[i] = format!("{}{}{}", &line[..start], quoted, &line[end..]);
    out.join("\n") + "\n"
}

fn insert_piece(text: &str, rng: &mut Rng) -> String {
    let at = char_boundary(text, rng.below(text.len() + 1));
    format!("{}{}{}", &text[..at], rng.pick(PIECES), &text[at..])
}

fn delete_range(text: &str, rng: &mut Rng) -> String {
    let start = char_boundary(text, rng.below(text.len() + 1));
    let end = char_boundary(text, start + rng.below(64));
    format!("{}{}", &text[..start], &text[end.max(start)..])
}

fn duplicate_line(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    if lines.is_empty() {
        return text.to_owned();
    }
    let i = rng.below(lines.len());
    for _ in 0..1 + rng.below(4) {
        lines.insert(i, lines[i]);
    }
    lines.join("\n") + "\n"
}

fn swap_lines(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    if lines.len() < 2 {
        return text.to_owned();
    }
    let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
    lines.swap(a, b);
    lines.join("\n") + "\n"
}

fn drop_line(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    if !lines.is_empty() {
        lines.remove(rng.below(lines.len()));
    }
    lines.join("\n") + "\n"
}

/// A random byte changed: the text may stop being UTF-8.
fn flip_byte(text: &str, rng: &mut Rng) -> String {
    let mut bytes = text.as_bytes().to_vec();
    if !bytes.is_empty() {
        let i = rng.below(bytes.len());
        bytes[i] ^= 1 << rng.below(8);
    }
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A long value, or many repeated budget lines (hostile but valid).
fn grow_text(text: &str, rng: &mut Rng) -> String {
    if rng.below(2) == 0 {
        let long = "职".repeat(1 + rng.below(40_000));
        replace_scalar(text, rng, &[long.as_str()])
    } else {
        let lines: Vec<&str> = text.lines().collect();
        let Some(i) = lines.iter().position(|l| l.trim_start().starts_with("- {func:")) else {
            return text.to_owned();
        };
        let mut out: Vec<&str> = lines.clone();
        let copies = 1 + rng.below(3_000);
        for _ in 0..copies {
            out.insert(i, lines[i]);
        }
        out.join("\n") + "\n"
    }
}

/// One mutation of a workbook's bytes (a zip file).
pub(crate) fn bytes(data: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = data.to_vec();
    for _ in 0..1 + rng.below(8) {
        match rng.below(3) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] = u8::try_from(rng.below(256)).unwrap_or(0);
            }
            1 if !out.is_empty() => {
                let i = rng.below(out.len());
                out.truncate(i.max(1));
            }
            _ => {
                let i = rng.below(out.len() + 1);
                out.insert(i, u8::try_from(rng.below(256)).unwrap_or(0));
            }
        }
    }
    out
}
