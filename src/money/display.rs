//! Amounts for people: `$49,000`, `CHF 1,234.50`, `$150,000 – $250,000`.

use std::fmt;

use rust_decimal::Decimal;

use super::amount::Money;
use super::range::Range;
use crate::currency::Currency;

impl Money {
    /// The amount with its currency, for people: `$49,000`, `CHF 1,234.50`.
    pub fn display(self, currency: Currency) -> impl fmt::Display {
        Shown(self, currency)
    }
}

impl Range {
    /// `$150,000` or `$150,000 – $250,000`.
    pub fn display(self, currency: Currency) -> String {
        if self.is_exact() {
            self.low.display(currency).to_string()
        } else {
            format!(
                "{} – {}",
                self.low.display(currency),
                self.high.display(currency)
            )
        }
    }
}

struct Shown(Money, Currency);

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Shown(money, currency) = self;
        match currency.symbol() {
            Some(symbol) => write!(f, "{symbol}")?,
            None => write!(f, "{currency} ")?,
        }
        f.write_str(&group_thousands(money.value()))
    }
}

/// `1234567.5` → `1,234,567.50`; whole amounts keep no decimals.
fn group_thousands(value: Decimal) -> String {
    let value = value.normalize();
    let whole = value.trunc().to_string();
    let mut out = String::with_capacity(whole.len() + whole.len() / 3 + 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if value.scale() > 0 {
        let cents = (value.fract() * Decimal::ONE_HUNDRED).trunc();
        out.push_str(&format!(".{:02}", cents));
    }
    out
}
