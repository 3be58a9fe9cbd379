//! The amount: a non-negative decimal with at most two places, and what a
//! written amount carried besides its figure. Every operation is checked.

use rust_decimal::{Decimal, RoundingStrategy};

use super::error::MoneyError;

/// A non-negative amount with at most two decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Money(pub(super) Decimal);

/// What a written amount said besides its figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// A currency symbol such as `$` or `€`.
    Symbol(char),
    /// A three-letter code such as `USD`, before or after the figure.
    Code(String),
}

/// An amount as written: its value, whether it was marked approximate (`~`),
/// and the currency marker it carried, to be checked against `currency`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub money: Money,
    pub approx: bool,
    pub marker: Option<Marker>,
}

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// Builds money from a decimal, rejecting negative and sub-cent values.
    pub fn from_decimal(value: Decimal) -> Result<Money, MoneyError> {
        if value.is_sign_negative() && !value.is_zero() {
            return Err(MoneyError::Negative(value.to_string()));
        }
        let value = value.normalize();
        if value.scale() > 2 {
            return Err(MoneyError::SubCent(value.to_string()));
        }
        Ok(Money(value.abs()))
    }

    /// A YAML integer.
    pub fn from_int(value: i128) -> Result<Money, MoneyError> {
        let decimal = Decimal::try_from_i128_with_scale(value, 0)
            .map_err(|_| MoneyError::TooLarge(value.to_string()))?;
        Money::from_decimal(decimal)
    }

    pub fn value(self) -> Decimal {
        self.0
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// The absolute difference between two amounts.
    pub fn abs_diff(self, other: Money) -> Money {
        // Both are non-negative, so the difference cannot overflow.
        Money((self.0 - other.0).abs())
    }

    /// `quantity × self`, rounded half-up to cents; `None` on overflow or a
    /// negative quantity.
    pub fn times(self, quantity: Decimal) -> Option<Money> {
        if quantity.is_sign_negative() && !quantity.is_zero() {
            return None;
        }
        let product = self.0.checked_mul(quantity)?;
        let rounded = product.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        Some(Money(rounded.normalize()))
    }

    /// The amount as a plain decimal number, for CSV and JSON: `50000`, `1234.5`.
    pub fn plain(self) -> String {
        let value = self.0.normalize();
        let scale = value.scale();
        // Whole units and cents written as integers: `compare` writes
        // several amounts per row, and Decimal's general formatter costs
        // several times as much. A negative value cannot be money; it is
        // left to that formatter all the same.
        let mantissa = match u128::try_from(value.mantissa()) {
            Ok(mantissa) if scale <= 2 => mantissa,
            _ => return value.to_string(),
        };
        let unit = 10u128.pow(scale);
        let units = mantissa / unit;
        let mut out = u64::try_from(units).map_or_else(|_| units.to_string(), |u| u.to_string());
        // Below 100, as the scale is at most 2.
        let cents = (mantissa % unit) as u8;
        let digit = |d: u8| char::from(b'0' + d);
        match scale {
            1 => out.extend(['.', digit(cents)]),
            2 => out.extend(['.', digit(cents / 10), digit(cents % 10)]),
            _ => {}
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Written as Decimal writes the same value, normalised.
        #[test]
        fn plain_is_the_normalised_decimal(
            mantissa in proptest::prop_oneof![-1000i128..100_000, proptest::num::i128::ANY],
            scale in 0u32..=4,
        ) {
            let mantissa = mantissa % (1i128 << 96);
            let value = Decimal::from_i128_with_scale(mantissa, scale);
            proptest::prop_assert_eq!(Money(value).plain(), value.normalize().to_string());
        }
    }
}
