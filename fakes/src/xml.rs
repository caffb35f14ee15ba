//! A minimal XML element tree and writer for the OnlineAfspraken responses.
//!
//! The vendor's XML has no attributes and no mixed content: every element
//! holds either text or child elements, in a fixed order. A tree of [`El`]
//! written by hand keeps that order exactly as the seed's samples show it
//! (serde-based XML writers make element order and empty elements harder to
//! control). Empty elements are written `<X></X>`, as in the samples.

use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct El {
    pub name: String,
    /// Text content; ignored when `children` is not empty.
    pub text: String,
    pub children: Vec<El>,
}

impl El {
    /// An empty element (`<name></name>`), to which children can be added.
    pub fn new(name: impl Into<String>) -> El {
        El {
            name: name.into(),
            text: String::new(),
            children: Vec::new(),
        }
    }

    /// An element holding text.
    pub fn leaf(name: impl Into<String>, text: impl ToString) -> El {
        El {
            name: name.into(),
            text: text.to_string(),
            children: Vec::new(),
        }
    }

    /// Adds a child and returns the element (builder style).
    pub fn with(mut self, child: El) -> El {
        self.children.push(child);
        self
    }

    /// Adds a text child and returns the element (builder style).
    pub fn with_leaf(self, name: &str, text: impl ToString) -> El {
        self.with(El::leaf(name, text))
    }

    pub fn push(&mut self, child: El) {
        self.children.push(child);
    }

    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn write(&self, out: &mut String) {
        out.push('<');
        out.push_str(&self.name);
        out.push('>');
        if self.children.is_empty() {
            escape_into(&self.text, out);
        } else {
            for child in &self.children {
                child.write(out);
            }
        }
        out.push_str("</");
        out.push_str(&self.name);
        out.push('>');
    }
}

/// A whole document: the declaration the samples start with, then `root`.
pub fn document(root: &El) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    root.write(&mut out);
    out.push('\n');
    out
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(text, &mut out);
    out
}

fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_nested_and_escaped() {
        let el = El::new("Customer")
            .with_leaf("FirstName", "S<s & co")
            .with(El::new("Insertions"));
        let mut out = String::new();
        el.write(&mut out);
        assert_eq!(
            out,
            "<Customer><FirstName>S&lt;s &amp; co</FirstName><Insertions></Insertions></Customer>"
        );
    }
}
