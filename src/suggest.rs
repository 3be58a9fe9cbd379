//! "Did you mean" suggestions, so a typo such as `ammount` is named with its fix.

/// The closest of `candidates` to `name`, if one is close enough to be a typo.
pub fn did_you_mean<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let name = name.to_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(&name, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let fields = ["item", "amount", "quantity", "unit_cost", "lines", "note"];
        assert_eq!(did_you_mean("ammount", &fields), Some("amount"));
        assert_eq!(did_you_mean("unitcost", &fields), Some("unit_cost"));
        assert_eq!(did_you_mean("Amount", &fields), Some("amount"));
        assert_eq!(did_you_mean("qty", &fields), None);
        assert_eq!(did_you_mean("percent", &fields), None);
        assert_eq!(did_you_mean("titel", &["title", "id"]), Some("title"));
    }
}
