//! ISO 4217 currency codes and the symbols people write in front of amounts.
//!
//! A proposal states one `currency`; a symbol in an amount must agree with
//! it, so that `"€5k"` in a USD proposal is caught instead of summed as dollars.

use std::fmt;

/// Active ISO 4217 codes (2024 list), sorted so look-up is a binary search.
const ISO_4217: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
    "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
    "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ",
    "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD",
    "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR",
    "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
    "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN",
    "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR",
    "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB",
    "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS",
    "VES", "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWL",
];

/// Currencies whose everyday symbol is `$`; a bare `$` agrees with any of them.
const DOLLAR_CURRENCIES: &[&str] = &[
    "AUD", "BBD", "BMD", "BND", "BSD", "BZD", "CAD", "FJD", "GYD", "HKD", "JMD", "KYD", "LRD",
    "MXN", "NAD", "NZD", "SBD", "SGD", "SRD", "TTD", "TWD", "USD", "XCD",
];

/// A valid ISO 4217 currency code such as `USD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency([u8; 3]);

impl Currency {
    pub const USD: Currency = Currency(*b"USD");

    /// Looks `code` up in ISO 4217; `None` when it is not an active code.
    /// Lower case is not accepted: codes are written in capitals everywhere.
    pub fn from_code(code: &str) -> Option<Currency> {
        let bytes: [u8; 3] = code.as_bytes().try_into().ok()?;
        ISO_4217.binary_search(&code).ok().map(|_| Currency(bytes))
    }

    /// Every code `from_code` accepts, sorted.
    pub fn codes() -> &'static [&'static str] {
        ISO_4217
    }

    pub fn code(&self) -> &str {
        // Built only from ASCII entries of ISO_4217.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }

    /// The symbol used when printing amounts (`$49,000`); `None` means the
    /// code is printed instead (`CHF 49,000`).
    pub fn symbol(&self) -> Option<char> {
        match self.code() {
            "USD" => Some('$'),
            "EUR" => Some('€'),
            "GBP" => Some('£'),
            "JPY" => Some('¥'),
            "INR" => Some('₹'),
            _ => None,
        }
    }

    /// The currency `symbol` is printed for (`£` → GBP), the inverse of
    /// `symbol`.
    pub fn of_symbol(symbol: char) -> Option<Currency> {
        ["USD", "EUR", "GBP", "JPY", "INR"]
            .into_iter()
            .filter_map(Currency::from_code)
            .find(|c| c.symbol() == Some(symbol))
    }

    /// Whether an amount written with `symbol` can be in this currency.
    pub fn accepts_symbol(&self, symbol: char) -> bool {
        match symbol {
            '$' => DOLLAR_CURRENCIES.contains(&self.code()),
            '€' => self.code() == "EUR",
            '£' => matches!(self.code(), "GBP" | "GIP" | "FKP" | "SHP" | "EGP"),
            '¥' => matches!(self.code(), "JPY" | "CNY"),
            '₹' => self.code() == "INR",
            _ => false,
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The symbols `Money::parse` recognises in front of a figure.
pub const SYMBOLS: &[char] = &['$', '€', '£', '¥', '₹'];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_for_binary_search() {
        assert!(ISO_4217.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn looks_up_codes() {
        assert_eq!(Currency::from_code("USD"), Some(Currency::USD));
        assert_eq!(Currency::from_code("GBP").unwrap().code(), "GBP");
        assert_eq!(Currency::from_code("usd"), None);
        assert_eq!(Currency::from_code("XYZ"), None);
        assert_eq!(Currency::from_code("US"), None);
    }

    #[test]
    fn symbols_agree_only_with_their_currencies() {
        let cad = Currency::from_code("CAD").unwrap();
        let eur = Currency::from_code("EUR").unwrap();
        assert!(Currency::USD.accepts_symbol('$'));
        assert!(cad.accepts_symbol('$'));
        assert!(!eur.accepts_symbol('$'));
        assert!(eur.accepts_symbol('€'));
        assert!(!Currency::USD.accepts_symbol('£'));
        assert_eq!(Currency::of_symbol('£'), Currency::from_code("GBP"));
        for symbol in SYMBOLS {
            let currency = Currency::of_symbol(*symbol).unwrap();
            assert_eq!(currency.symbol(), Some(*symbol));
        }
    }
}
