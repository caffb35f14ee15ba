//! OnlineAfspraken's XML as a small tree, read with quick-xml.
//!
//! Why a tree and not serde: every answer has the same `<Status>`
//! envelope around a payload whose element names vary by method; a list
//! (`<Objects>`) may hold one element or many; an empty element means
//! "none"; and appointments and customers carry the agenda's own
//! questions as elements named by each question's key, which must survive
//! a round trip whole. A tree reads all of that the same way, and a missing
//! field is an error that names it (`Node::text_of`).

use quick_xml::Reader;
use quick_xml::events::Event;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Node {
    pub name: String,
    /// The element's text (trimmed); empty for an element with children.
    pub text: String,
    pub children: Vec<Node>,
}

#[derive(Debug, thiserror::Error, PartialEq)]
#[error("not readable XML: {0}")]
pub struct XmlError(pub String);

impl Node {
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of child `name`; `None` when absent. An empty element is
    /// `Some("")`: the caller decides whether that means none.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }

    /// Whether the element says nothing (no text, no children).
    pub fn is_empty(&self) -> bool {
        self.text.is_empty() && self.children.is_empty()
    }
}

/// A list's elements named `name`: under `<Objects>`, or straight under
/// the response (a list may come either way, with one element or many);
/// an empty element is none.
pub fn items<'a>(root: &'a Node, name: &'a str) -> Vec<&'a Node> {
    let listed = root
        .child("Objects")
        .map(|o| o.all(name).collect::<Vec<_>>())
        .unwrap_or_default();
    listed
        .into_iter()
        .chain(root.all(name))
        .filter(|n| !n.is_empty())
        .collect()
}

/// A child's text; empty when the element is absent.
pub fn text<'a>(node: &'a Node, name: &str) -> &'a str {
    node.text_of(name).unwrap_or("")
}

/// A child's number, `default` when absent or not a number.
pub fn int(node: &Node, name: &str, default: i64) -> i64 {
    text(node, name).trim().parse().unwrap_or(default)
}

/// The first element named `name` anywhere below `node`.
pub fn find<'a>(node: &'a Node, name: &str) -> Option<&'a Node> {
    node.children.iter().find_map(|c| {
        if c.name == name {
            Some(c)
        } else {
            find(c, name)
        }
    })
}

/// Parses a whole document into its root element.
pub fn parse(xml: &[u8]) -> Result<Node, XmlError> {
    // Text is kept whole while an element is read (an entity splits it into
    // several events, and trimming each would eat the spaces around it),
    // and trimmed once the element ends.
    let mut reader = Reader::from_reader(xml);
    let mut stack: Vec<Node> = Vec::new();
    let mut root: Option<Node> = None;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => stack.push(Node {
                name: String::from_utf8_lossy(e.name().as_ref()).into_owned(),
                ..Node::default()
            }),
            Ok(Event::Empty(e)) => {
                let node = Node {
                    name: String::from_utf8_lossy(e.name().as_ref()).into_owned(),
                    ..Node::default()
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => root = Some(node),
                }
            }
            Ok(Event::Text(t)) => {
                if let Some(top) = stack.last_mut() {
                    let text = t.decode().map_err(|e| XmlError(e.to_string()))?;
                    let text =
                        quick_xml::escape::unescape(&text).map_err(|e| XmlError(e.to_string()))?;
                    top.text.push_str(&text);
                }
            }
            Ok(Event::CData(t)) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Ok(Event::GeneralRef(r)) => {
                if let Some(top) = stack.last_mut() {
                    let name = String::from_utf8_lossy(&r);
                    let resolved = match name.as_ref() {
                        "amp" => "&".to_owned(),
                        "lt" => "<".to_owned(),
                        "gt" => ">".to_owned(),
                        "quot" => "\"".to_owned(),
                        "apos" => "'".to_owned(),
                        other => match r.resolve_char_ref() {
                            Ok(Some(c)) => c.to_string(),
                            _ => format!("&{other};"),
                        },
                    };
                    top.text.push_str(&resolved);
                }
            }
            Ok(Event::End(_)) => {
                let mut node = stack
                    .pop()
                    .ok_or_else(|| XmlError("an end tag without a start".into()))?;
                node.text = node.text.trim().to_owned();
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => root = Some(node),
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(XmlError(e.to_string())),
        }
        buf.clear();
    }
    if !stack.is_empty() {
        return Err(XmlError(format!("`{}` is not closed", stack[0].name)));
    }
    root.ok_or_else(|| XmlError("no element".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_envelope_lists_and_empty_elements() {
        let xml = br#"<?xml version="1.0" encoding="UTF-8"?> <Response> <Status> <APIVersion>1.0</APIVersion> <Timestamp>1648555454</Timestamp> <Status>success</Status> </Status> <Objects> <Appointment> <Id>123</Id> <Description></Description> <Name>Intro &amp; buik</Name> </Appointment> <Appointment> <Id>124</Id> <Description/> </Appointment> </Objects> </Response>"#;
        let root = parse(xml).unwrap();
        assert_eq!(root.name, "Response");
        let status = root.child("Status").unwrap();
        assert_eq!(status.text_of("Status"), Some("success"));
        let items: Vec<_> = root.child("Objects").unwrap().all("Appointment").collect();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].text_of("Name"), Some("Intro & buik"));
        assert_eq!(items[1].text_of("Description"), Some(""));
        assert!(items[1].child("Description").unwrap().is_empty());
    }

    #[test]
    fn a_cut_document_is_an_error() {
        assert!(parse(b"<Response><Status><Status>succ").is_err());
        assert!(parse(b"").is_err());
    }
}
