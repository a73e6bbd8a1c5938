//! Byte offsets to line numbers, and finding the line a field is written on.

/// Line starts of a text, for turning byte offsets into 1-based line numbers.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

/// The line, within `range` of a TOML `text`, where the field at `path` (`date`,
/// `sources[1].locator`) is written; `None` when it is not written there (a missing field).
///
/// A top-level key is found as `key =` or as a `[kind.key]` / `[[kind.key]]` header. For
/// `key[i]…`, the i-th inline table (`{`) or sub-table header after the key is taken,
/// which is how lists of citations and actors are written.
pub fn toml_field_line(text: &str, index: &LineIndex, range: std::ops::Range<usize>, path: &str) -> Option<usize> {
    let key = path.split(['.', '[']).next()?;
    if key.is_empty() {
        return None;
    }
    let slice = text.get(range.clone())?;
    let first_line = index.line(range.start);
    let lines: Vec<&str> = slice.lines().collect();
    let is_key_line = |line: &str| {
        let t = line.trim_start();
        let t = t.strip_prefix('"').unwrap_or(t);
        if let Some(rest) = t.strip_prefix(key) {
            let rest = rest.strip_prefix('"').unwrap_or(rest).trim_start();
            rest.starts_with('=') || rest.starts_with(".")
        } else {
            is_sub_header(t, key)
        }
    };
    let at = lines.iter().position(|l| is_key_line(l))?;
    let Some(item) =
        path[key.len()..].strip_prefix('[').and_then(|r| r.split(']').next()).and_then(|n| n.parse::<usize>().ok())
    else {
        return Some(first_line + at);
    };
    let mut seen = 0;
    for (offset, line) in lines.iter().enumerate().skip(at) {
        let starts_item = line.contains('{') || is_sub_header(line.trim_start(), key);
        if starts_item {
            if seen == item {
                return Some(first_line + offset);
            }
            seen += 1;
        }
    }
    Some(first_line + at)
}

fn is_sub_header(trimmed: &str, key: &str) -> bool {
    let t = trimmed.trim_start_matches('[');
    trimmed.starts_with('[')
        && t.split(']').next().is_some_and(|h| h.split('.').next_back() == Some(key) && h.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "[[event]]\nid = \"a\"\ndate = \"2019\"\nsources = [\n  { source = \"p\", locator = \"x\" },\n  { source = \"q\" },\n]\n\n[[event]]\nid = \"b\"\n";

    #[test]
    fn lines_of_offsets() {
        let idx = LineIndex::new(DOC);
        assert_eq!(idx.line(0), 1);
        assert_eq!(idx.line(10), 2);
    }

    #[test]
    fn finds_fields_and_list_items() {
        let idx = LineIndex::new(DOC);
        let end = DOC.find("\n[[event]]\nid = \"b\"").unwrap();
        let range = 0..end;
        assert_eq!(toml_field_line(DOC, &idx, range.clone(), "date"), Some(3));
        assert_eq!(toml_field_line(DOC, &idx, range.clone(), "sources"), Some(4));
        assert_eq!(toml_field_line(DOC, &idx, range.clone(), "sources[0].source"), Some(5));
        assert_eq!(toml_field_line(DOC, &idx, range.clone(), "sources[1].locator"), Some(6));
        assert_eq!(toml_field_line(DOC, &idx, range, "kind"), None);
    }

    #[test]
    fn finds_sub_table_headers() {
        let doc = "[[event]]\nid = \"a\"\n[event.title]\nen = \"x\"\n[[event.sources]]\nsource = \"p\"\n[[event.sources]]\nsource = \"q\"\n";
        let idx = LineIndex::new(doc);
        assert_eq!(toml_field_line(doc, &idx, 0..doc.len(), "title.en"), Some(3));
        assert_eq!(toml_field_line(doc, &idx, 0..doc.len(), "sources[1].locator"), Some(7));
    }
}
