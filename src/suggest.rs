//! "Did you mean" suggestions, so a typo such as `ammount` is named with its fix.

/// Words people write for a field the format names otherwise: `qty` is
/// no typo of `quantity`, and `unit_price` is closer in spelling to
/// `unit` than to `unit_cost` (following that loses the money).
const SYNONYMS: [(&str, &str); 21] = [
    ("unit_price", "unit_cost"),
    ("price", "unit_cost"),
    ("rate", "unit_cost"),
    ("cost_per_unit", "unit_cost"),
    ("qty", "quantity"),
    ("count", "quantity"),
    ("number", "quantity"),
    ("units", "quantity"),
    ("total", "amount"),
    ("cost", "amount"),
    ("sum", "amount"),
    ("value", "amount"),
    ("amt", "amount"),
    ("name", "item"),
    ("label", "item"),
    ("description", "note"),
    ("notes", "note"),
    ("comment", "note"),
    ("details", "note"),
    ("items", "lines"),
    ("sublines", "lines"),
];

/// The closest of `candidates` to `name`: the field it is a synonym of,
/// else one close enough in spelling to be a typo.
pub fn did_you_mean<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let name = name.to_lowercase();
    let synonym = SYNONYMS
        .iter()
        .find(|(word, _)| *word == name)
        .and_then(|(_, field)| candidates.iter().find(|c| *c == field));
    if let Some(field) = synonym {
        return Some(field);
    }
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(&name, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The currency code `code` was probably meant to be: itself in capitals,
/// or the one code a transposed or mistyped letter away (`GPB`: `GBP`).
pub fn currency_meant<'a>(code: &str, codes: &[&'a str]) -> Option<&'a str> {
    let upper = code.trim().to_uppercase();
    let near: Vec<&str> = codes
        .iter()
        .copied()
        .filter(|c| strsim::damerau_levenshtein(&upper, c) <= 1)
        .collect();
    if let Some(same) = near.iter().find(|c| **c == upper) {
        return Some(same);
    }
    // Several near codes: the ones most proposals use win, else none.
    const COMMON: [&str; 7] = ["USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY"];
    match near.as_slice() {
        [one] => Some(one),
        _ => near.into_iter().find(|c| COMMON.contains(c)),
    }
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
        assert_eq!(did_you_mean("qty", &fields), Some("quantity"));
        assert_eq!(
            did_you_mean("unit_price", &["unit", "unit_cost"]),
            Some("unit_cost")
        );
        assert_eq!(did_you_mean("total", &fields), Some("amount"));
        assert_eq!(did_you_mean("Description", &fields), Some("note"));
        // A synonym of a field that is not a candidate here suggests nothing.
        assert_eq!(did_you_mean("qty", &["title", "id"]), None);
        assert_eq!(did_you_mean("percent", &fields), None);
        assert_eq!(did_you_mean("titel", &["title", "id"]), Some("title"));
    }

    #[test]
    fn currency_codes_in_lower_case_or_transposed_are_named() {
        let codes = crate::currency::Currency::codes();
        assert_eq!(currency_meant("usd", codes), Some("USD"));
        assert_eq!(currency_meant("GPB", codes), Some("GBP"));
        assert_eq!(currency_meant("EUO", codes), Some("EUR"));
        assert_eq!(currency_meant("dollars", codes), None);
    }
}
