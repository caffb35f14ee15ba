//! The board's state that belongs in the URL: which pipeline, the filters,
//! the folded columns and the open deal. A reload or a shared link shows
//! the same board.

use std::collections::BTreeSet;

use frontdesk_core::pipeline::BoardFilter;
use leptos_router::params::ParamsMap;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct BoardQuery {
    pub pipeline: Option<String>,
    pub filter: BoardFilter,
    /// Stage ids of folded (won or lost) columns.
    pub fold: BTreeSet<String>,
    /// The deal open in the drawer; `new` for a new one.
    pub deal: Option<String>,
}

fn text(map: &ParamsMap, key: &str) -> Option<String> {
    map.get(key).filter(|v| !v.trim().is_empty())
}

impl BoardQuery {
    pub fn from_map(map: &ParamsMap) -> Self {
        Self {
            pipeline: text(map, "pipeline"),
            filter: BoardFilter::from_params(|key| map.get(key)),
            fold: map
                .get("fold")
                .map(|f| {
                    f.split(',')
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
            deal: text(map, "deal"),
        }
    }

    pub fn href(&self) -> String {
        let mut parts = Vec::new();
        if let Some(p) = &self.pipeline {
            parts.push(format!("pipeline={}", crate::api::encode(p)));
        }
        let filter = crate::api::pipelines::filter_query(&self.filter);
        if !filter.is_empty() {
            parts.push(filter);
        }
        if !self.fold.is_empty() {
            let fold: Vec<&str> = self.fold.iter().map(String::as_str).collect();
            parts.push(format!("fold={}", crate::api::encode(&fold.join(","))));
        }
        if let Some(d) = &self.deal {
            parts.push(format!("deal={}", crate::api::encode(d)));
        }
        if parts.is_empty() {
            "/board".to_owned()
        } else {
            format!("/board?{}", parts.join("&"))
        }
    }
}
