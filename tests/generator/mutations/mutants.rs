//! The mutants: each spec damaged in about fifty ways, the same ones on every run (a fixed-seed
//! PRNG per spec).

/// One damaged copy of a spec.
pub(super) struct Mutant {
    pub(super) provider: String,
    /// `specs/<provider>.yaml`, the name findings must carry.
    pub(super) file: String,
    /// What was done, e.g. `line 120 "      required: true" deleted`.
    pub(super) description: String,
    pub(super) bytes: Vec<u8>,
    /// The damage must be refused (a dangling `$ref`, a required cycle, `enum: []`, bad bytes).
    pub(super) must_refuse: bool,
    /// Where the refusal must point, when the damage has one exact place (invalid UTF-8).
    pub(super) place: Option<(usize, usize)>,
}

/// xorshift64*: a few lines of fixed-seed randomness, so no dependency and no flaky mutants.
struct Prng(u64);

impl Prng {
    fn seeded(name: &str) -> Self {
        // FNV-1a of the provider name: each spec gets its own, stable sequence.
        let seed = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
        Prng(seed | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A value in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }

    /// Up to `n` different line numbers of `lines`, in random order.
    fn distinct(&mut self, lines: &[usize], n: usize) -> Vec<usize> {
        let mut left = lines.to_vec();
        let mut chosen = Vec::new();
        while chosen.len() < n && !left.is_empty() {
            chosen.push(left.swap_remove(self.below(left.len())));
        }
        chosen
    }
}

/// A spec's lines, each with its line ending, so joining them gives the file back.
struct Source<'a> {
    provider: &'a str,
    lines: Vec<&'a str>,
}

impl Source<'_> {
    fn file(&self) -> String {
        format!("specs/{}.yaml", self.provider)
    }

    fn mutant(&self, description: String, lines: &[&str]) -> Mutant {
        Mutant {
            provider: self.provider.to_owned(),
            file: self.file(),
            description,
            bytes: lines.concat().into_bytes(),
            must_refuse: false,
            place: None,
        }
    }

    /// The source with line `index` replaced by `with` (any number of lines, or none).
    fn replaced<'s>(&'s self, index: usize, with: &[&'s str]) -> Vec<&'s str> {
        let mut lines = self.lines[..index].to_vec();
        lines.extend_from_slice(with);
        lines.extend_from_slice(&self.lines[index + 1..]);
        lines
    }

    /// Lines holding something (not blank, not a comment).
    fn content_lines(&self) -> Vec<usize> {
        self.lines_where(|line| {
            let text = line.trim();
            !text.is_empty() && !text.starts_with('#')
        })
    }

    /// The indices of the lines that pass `test`.
    fn lines_where(&self, test: impl Fn(&str) -> bool) -> Vec<usize> {
        (0..self.lines.len())
            .filter(|&i| test(self.lines[i]))
            .collect()
    }

    /// Line `index` as a mutant's description names it: its number and its start.
    fn shown(&self, index: usize) -> String {
        let line = self.lines[index].trim_end();
        let short: String = line.chars().take(60).collect();
        format!("line {} {short:?}", index + 1)
    }
}

fn indentation(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// `key: value` on one line (a sequence item's too): the key, and the value's byte range.
fn scalar_entry(line: &str) -> Option<(&str, std::ops::Range<usize>)> {
    let body = line.trim_end();
    let start = indentation(body);
    let item = body[start..]
        .strip_prefix("- ")
        .map_or(start, |_| start + 2);
    let (key, value) = body[item..].split_once(": ")?;
    let plain_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "$-_".contains(c));
    let value = value.trim_start();
    let value_start = body.len() - value.len();
    let scalar = !value.is_empty() && !value.starts_with(['|', '>', '{', '[', '&', '*', '#', '!']);
    (plain_key && scalar).then_some((key, value_start..body.len()))
}

/// Every mutant of one spec: about fifty, of every kind.
pub(super) fn mutants(provider: &str, text: &str) -> Vec<Mutant> {
    let source = Source {
        provider,
        lines: text.split_inclusive('\n').collect(),
    };
    let mut rng = Prng::seeded(provider);
    let mut out = Vec::new();
    let count = source.lines.len();
    let content = source.content_lines();

    for part in 1..=8 {
        let keep = count * part / 9;
        out.push(source.mutant(
            format!("cut after line {keep} of {count}"),
            &source.lines[..keep],
        ));
    }
    for i in rng.distinct(&content, 8) {
        out.push(source.mutant(
            format!("{} deleted", source.shown(i)),
            &source.replaced(i, &[]),
        ));
    }
    for i in rng.distinct(&content, 8) {
        let line = source.lines[i];
        out.push(source.mutant(
            format!("{} duplicated", source.shown(i)),
            &source.replaced(i, &[line, line]),
        ));
    }
    wrong_types(&source, &mut rng, &mut out);
    references(&source, &mut rng, &mut out);
    empty_enums(&source, &mut rng, &mut out);
    for i in rng.distinct(&content, 6) {
        let line = source.lines[i];
        let shift: isize = [1, -1, 2, -2, 4][rng.below(5)];
        let indent = indentation(line) as isize;
        let new_indent = (indent + shift).max(0) as usize;
        let shifted = format!("{}{}", " ".repeat(new_indent), line.trim_start_matches(' '));
        out.push(source.mutant(
            format!("{} indented by {shift}", source.shown(i)),
            &source.replaced(i, &[&shifted]),
        ));
    }
    invalid_bytes(&source, &mut rng, &mut out);
    huge_strings(&source, &mut rng, &mut out);
    out
}

/// A scalar replaced by a value of another type (`type: 42`, `required: [1, 2]`).
fn wrong_types(source: &Source, rng: &mut Prng, out: &mut Vec<Mutant>) {
    let entries = source.lines_where(|line| scalar_entry(line).is_some());
    for i in rng.distinct(&entries, 6) {
        let line = source.lines[i];
        let (key, range) = scalar_entry(line).unwrap();
        let value = &line[range.clone()];
        let numeric = value.parse::<f64>().is_ok() || matches!(value, "true" | "false" | "null");
        let choices: &[&str] = if numeric {
            &["'wrong'", "[1, 2]", "{wrong: 1}"]
        } else {
            &["12345", "true", "[1, 2]", "{wrong: 1}"]
        };
        let wrong = choices[rng.below(choices.len())];
        let mutated = format!("{}{wrong}{}", &line[..range.start], &line[range.end..]);
        out.push(source.mutant(
            format!("{}: `{key}` set to `{wrong}`", source.shown(i)),
            &source.replaced(i, &[&mutated]),
        ));
    }
}

/// A `$ref` pointed at a component that does not exist, and a cycle of `$ref`s through
/// required properties.
fn references(source: &Source, rng: &mut Prng, out: &mut Vec<Mutant>) {
    let refs = source.lines_where(|line| line.contains("$ref: '#/components/"));
    for i in rng.distinct(&refs, 4) {
        let line = source.lines[i];
        let start = line.find("#/components/").unwrap() + "#/components/".len();
        let section_end = start + line[start..].find('/').unwrap();
        let quote = section_end + line[section_end..].find('\'').unwrap();
        let mutated = format!("{}/PayspecMissing{}", &line[..section_end], &line[quote..]);
        let mut mutant = source.mutant(
            format!("{} pointed at a missing component", source.shown(i)),
            &source.replaced(i, &[&mutated]),
        );
        mutant.must_refuse = true;
        out.push(mutant);
    }
    let schemas = source.lines_where(|line| line.trim_end() == "  schemas:");
    let i = *schemas.first().expect("every spec has components/schemas");
    let cycle = [
        "    PayspecLoopA:\n",
        "      type: object\n",
        "      required: [next]\n",
        "      properties:\n",
        "        next:\n",
        "          $ref: '#/components/schemas/PayspecLoopB'\n",
        "    PayspecLoopB:\n",
        "      type: object\n",
        "      required: [back]\n",
        "      properties:\n",
        "        back:\n",
        "          $ref: '#/components/schemas/PayspecLoopA'\n",
    ];
    let mut with_cycle = vec![source.lines[i]];
    with_cycle.extend(cycle);
    let mut mutant = source.mutant(
        format!("a required `$ref` cycle added after line {}", i + 1),
        &source.replaced(i, &with_cycle),
    );
    mutant.must_refuse = true;
    out.push(mutant);
}

/// An `enum` emptied: `enum: []`, its block items (if any) removed.
fn empty_enums(source: &Source, rng: &mut Prng, out: &mut Vec<Mutant>) {
    let enums = source.lines_where(|line| line.trim_start().starts_with("enum:"));
    for i in rng.distinct(&enums, 3) {
        let indent = indentation(source.lines[i]);
        let items = source.lines[i + 1..]
            .iter()
            .take_while(|line| {
                let (n, t) = (indentation(line), line.trim_start());
                n > indent || (n == indent && t.starts_with("- "))
            })
            .count();
        let emptied = format!("{}enum: []\n", " ".repeat(indent));
        let mut lines = source.lines[..i].to_vec();
        lines.push(&emptied);
        lines.extend_from_slice(&source.lines[i + 1 + items..]);
        let mut mutant =
            source.mutant(format!("{} emptied to `enum: []`", source.shown(i)), &lines);
        mutant.must_refuse = true;
        out.push(mutant);
    }
}

/// Bytes that are not UTF-8 inserted inside a line: refused at exactly that line and column.
fn invalid_bytes(source: &Source, rng: &mut Prng, out: &mut Vec<Mutant>) {
    let sequences: [&[u8]; 4] = [&[0xFF], &[0xC3, 0x28], &[0xED, 0xA0, 0x80], &[0xE2, 0x82]];
    for bad in sequences {
        let i = rng.below(source.lines.len());
        let line = source.lines[i].trim_end_matches('\n');
        let chars = line.chars().count();
        let column = rng.below(chars + 1);
        let at = line
            .char_indices()
            .nth(column)
            .map_or(line.len(), |(b, _)| b);
        let mut bytes = source.lines[..i].concat().into_bytes();
        bytes.extend_from_slice(&line.as_bytes()[..at]);
        bytes.extend_from_slice(bad);
        bytes.extend_from_slice(&source.lines[i].as_bytes()[at..]);
        bytes.extend_from_slice(source.lines[i + 1..].concat().as_bytes());
        out.push(Mutant {
            provider: source.provider.to_owned(),
            file: source.file(),
            description: format!(
                "bytes {bad:02X?} inserted at line {} column {}",
                i + 1,
                column + 1
            ),
            bytes,
            must_refuse: true,
            place: Some((i + 1, column + 1)),
        });
    }
}

/// A description and the title replaced by a 1 MiB string full of quotes and backslashes, which
/// reach the README, the manifest and doc comments.
fn huge_strings(source: &Source, rng: &mut Prng, out: &mut Vec<Mutant>) {
    let piece = "say \"hi\" \\ ";
    let huge = piece.repeat((1 << 20) / piece.len());
    let descriptions = source.lines_where(|line| {
        line.trim_start().starts_with("description: ") && scalar_entry(line).is_some()
    });
    let titles =
        source.lines_where(|line| line.starts_with("  title: ") && scalar_entry(line).is_some());
    let targets = [rng.pick(&descriptions), titles.first()];
    for &i in targets.into_iter().flatten() {
        let line = source.lines[i];
        let (key, range) = scalar_entry(line).unwrap();
        let mutated = format!("{}'{huge}'\n", &line[..range.start]);
        out.push(source.mutant(
            format!(
                "{}: `{key}` replaced by a {} byte string",
                source.shown(i),
                huge.len()
            ),
            &source.replaced(i, &[&mutated]),
        ));
    }
}
