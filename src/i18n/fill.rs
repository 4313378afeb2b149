//! Filling a message's `{name}`s with values.

/// `template` with each `{name}` replaced by its value in `args`; a name
/// with no value, or a brace that opens no name, is kept as written.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            args.iter()
                .find(|(k, _)| *k == &after[..close])
                .map(|(_, v)| (close, v))
        });
        match value {
            Some((close, v)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The names a template asks for, in order.
#[cfg(test)]
pub(super) fn names(template: &str) -> impl Iterator<Item = &str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_names_and_keeps_the_rest() {
        let t = "{what} rose by {amount} in {when}.";
        let got = fill(t, &[("when", "2025"), ("what", "Crime"), ("amount", "4%")]);
        assert_eq!(got, "Crime rose by 4% in 2025.");
        assert_eq!(fill("a {missing} b {", &[]), "a {missing} b {");
        assert_eq!(fill("{x}{x}", &[("x", "é")]), "éé");
        assert_eq!(names(t).collect::<Vec<_>>(), ["what", "amount", "when"]);
    }
}
