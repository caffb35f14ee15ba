//! `ClientAddr`: the address a request came from, for per-client limits
//! (sign-in attempts, pending bookings). It is the TCP peer, unless
//! `[server] behind_proxy = true`, where the proxy's `X-Forwarded-For`
//! names it: its last entry, the one the proxy itself added (earlier
//! entries are whatever the client chose to send).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRef, FromRequestParts};
use axum::http::request::Parts;

use crate::SharedState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ClientAddr(pub IpAddr);

impl ClientAddr {
    /// The key limits count under: an IPv6 client usually holds a whole
    /// /64, so its addresses count as one.
    pub fn limit_key(self) -> IpAddr {
        match self.0 {
            IpAddr::V4(v4) => IpAddr::V4(v4),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => IpAddr::V4(v4),
                None => {
                    let s = v6.segments();
                    IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
                }
            },
        }
    }
}

impl<S> FromRequestParts<S> for ClientAddr
where
    SharedState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = SharedState::from_ref(state);
        if state.settings.behind_proxy
            && let Some(ip) = forwarded_for(&parts.headers)
        {
            return Ok(Self(ip));
        }
        // Served without connect info (the route tests' `oneshot`): one
        // address for all, which is what those tests want to limit.
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
            .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
        Ok(Self(peer))
    }
}

/// The last address of `X-Forwarded-For`, if it is one.
fn forwarded_for(headers: &axum::http::HeaderMap) -> Option<IpAddr> {
    headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .next_back()
        .and_then(|last| last.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

    #[test]
    fn the_proxys_own_entry_is_the_last() {
        let mut h = HeaderMap::new();
        h.append("x-forwarded-for", "6.6.6.6, 10.0.0.1".parse().unwrap());
        h.append("x-forwarded-for", "192.0.2.7".parse().unwrap());
        assert_eq!(forwarded_for(&h), Some("192.0.2.7".parse().unwrap()));
        assert_eq!(forwarded_for(&HeaderMap::new()), None);
    }

    #[test]
    fn ipv6_clients_count_per_64() {
        let a = ClientAddr("2001:db8:1:2:aaaa::1".parse().unwrap());
        let b = ClientAddr("2001:db8:1:2:bbbb::9".parse().unwrap());
        assert_eq!(a.limit_key(), b.limit_key());
        let mapped = ClientAddr("::ffff:192.0.2.1".parse().unwrap());
        assert_eq!(mapped.limit_key(), "192.0.2.1".parse::<IpAddr>().unwrap());
    }
}
