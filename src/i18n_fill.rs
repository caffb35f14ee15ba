//! Values in translated sentences. The locale files write a value as
//! `{name}`; leptos_i18n's own interpolation cannot produce a plain string
//! with `load_locales!`, which toasts and labels need.

/// `template` with each `{name}` replaced by its value.
pub fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fills_every_named_value_once_named() {
        let s = fill(
            "{shown} of {total} match, {shown}",
            &[("shown", "3".into()), ("total", "10".into())],
        );
        assert_eq!(s, "3 of 10 match, 3");
        assert_eq!(fill("no values", &[]), "no values");
    }
}
