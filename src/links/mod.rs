//! The link checker: HTTP GETs of items' links with reqwest (rustls, on the program's tokio
//! runtime), kept polite and safe. Each distinct link once; at most `concurrency` requests at a
//! time and `per_host` to one host; a small range asked for and never more than a limit read;
//! redirects followed by hand, each hop checked as the first link was, up to a limit; timeouts
//! (and a server's 429 or 503) retried with a growing pause; a `User-Agent` that says who asks.
//! Which links may be fetched, and what an answer means, are `domain::links`' rules; every
//! address a name resolves to is checked before it is connected to (`Guard`), so a name cannot
//! lead the checker into the machine's own networks.

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::header::{CONTENT_TYPE, LOCATION, RANGE, RETRY_AFTER};
use tokio::sync::Semaphore;
use url::Url;

use crate::domain::links::{self, Unsafe, address_allowed, literal_ip, plain};

/// The checker's `User-Agent`: what it is and who runs it, so a portal's operators can tell it from
/// a crawler.
pub const USER_AGENT: &str =
    concat!("portal-admin/", env!("CARGO_PKG_VERSION"), " (link check by the portal's administrators)");

/// How hard and how far the checker goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Requests in flight at once, over all hosts.
    pub concurrency: usize,
    /// Requests in flight at once to one host (host and port).
    pub per_host: usize,
    /// For one try of one link, redirects included.
    pub timeout: Duration,
    /// Redirects followed before a link counts as broken (a loop).
    pub redirects: usize,
    /// Further tries after a timeout, a 429 or a 503.
    pub retries: u32,
    /// The pause before the first retry; doubled before each next one.
    pub backoff: Duration,
    /// Bytes read of a link's answer (asked for as a range: `bytes=0-N`).
    pub link_bytes: usize,
    /// Bytes read of a withdrawn item's page, to find the withdrawal notice.
    pub page_bytes: usize,
    /// Loopback and private addresses may be reached (`--allow-private`).
    pub allow_private: bool,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            concurrency: 32,
            per_host: 8,
            timeout: Duration::from_secs(10),
            redirects: 5,
            retries: 2,
            backoff: Duration::from_millis(500),
            link_bytes: 1024,
            page_bytes: 512 * 1024,
            allow_private: false,
        }
    }
}

/// What fetching one link gave.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answer {
    /// The last HTTP status (after redirects), if one came.
    pub status: Option<u16>,
    /// Why it gave no usable answer, in plain words (no character from the server unmade-safe).
    pub error: Option<String>,
    /// Not fetched: the link or an address it leads to is not allowed.
    pub refused: bool,
    /// What was read of the body, decoded by its declared charset (only for a page's check).
    pub text: Option<String>,
}

impl Answer {
    fn refused(why: &Unsafe) -> Answer {
        Answer { refused: true, error: Some(why.to_string()), ..Answer::default() }
    }

    fn failed(status: Option<u16>, why: String) -> Answer {
        Answer { status, error: Some(why), ..Answer::default() }
    }
}

/// One link to fetch: its page's text is wanted (a withdrawn item's page), or only its status.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Job {
    pub url: String,
    pub read_page: bool,
}

/// Resolves a host name to its addresses (the system's resolver; a test's own table).
pub type Lookup = Arc<dyn Fn(String) -> Pin<Box<dyn Future<Output = io::Result<Vec<IpAddr>>> + Send>> + Send + Sync>;

/// The system's resolver.
pub fn system_lookup() -> Lookup {
    Arc::new(|name: String| {
        Box::pin(async move { Ok(tokio::net::lookup_host((name.as_str(), 0)).await?.map(|a| a.ip()).collect()) })
    })
}

/// An address refused by the settings, as the resolver says so to reqwest.
#[derive(Debug)]
struct Refused(Unsafe);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Refused {}

/// reqwest's resolver: the addresses a name resolves to, less those the settings refuse; a name
/// with none left is refused. The connection is made to exactly the addresses checked here, so a
/// name that answers differently a moment later (DNS rebinding) changes nothing.
struct Guard {
    lookup: Lookup,
    allow_private: bool,
}

impl reqwest::dns::Resolve for Guard {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let lookup = self.lookup.clone();
        let allow = self.allow_private;
        Box::pin(async move {
            let host = name.as_str().to_string();
            let ips = lookup(host.clone()).await?;
            let mut refused = None;
            let mut kept: Vec<SocketAddr> = Vec::new();
            for ip in ips {
                match address_allowed(&host, ip, allow) {
                    Ok(()) => kept.push(SocketAddr::new(ip, 0)),
                    Err(why) => refused = refused.or(Some(why)),
                }
            }
            match (kept.is_empty(), refused) {
                (true, Some(why)) => Err(Box::new(Refused(why)) as Box<dyn std::error::Error + Send + Sync>),
                _ => Ok(Box::new(kept.into_iter()) as reqwest::dns::Addrs),
            }
        })
    }
}

/// Why one try failed.
enum Failed {
    Refused(Unsafe),
    Timeout,
    Net(String),
}

/// The checker; one per run, shared by its requests.
pub struct Checker {
    client: reqwest::Client,
    limits: Limits,
    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
}

impl Checker {
    /// A checker on the system's resolver.
    pub fn new(limits: Limits) -> Result<Checker, String> {
        Checker::with_lookup(limits, system_lookup())
    }

    /// A checker resolving names with `lookup` (tests: a name that resolves to loopback).
    pub fn with_lookup(limits: Limits, lookup: Lookup) -> Result<Checker, String> {
        let client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            // Every hop is checked here before it is followed.
            .redirect(reqwest::redirect::Policy::none())
            // A proxy from the environment would reach addresses the guard never sees.
            .no_proxy()
            .dns_resolver(Arc::new(Guard { lookup, allow_private: limits.allow_private }))
            .connect_timeout(limits.timeout)
            .pool_max_idle_per_host(limits.per_host)
            .build()
            .map_err(|e| format!("cannot start the link checker: {e}"))?;
        Ok(Checker { client, limits, hosts: Mutex::new(HashMap::new()) })
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Fetches every job, `concurrency` at a time, and answers in the jobs' order; `progress` is
    /// told how many are done after each.
    pub async fn check_all(self: &Arc<Self>, jobs: Vec<Job>, progress: &(dyn Fn(usize) + Sync)) -> Vec<Answer> {
        let all = Arc::new(Semaphore::new(self.limits.concurrency.max(1)));
        let mut set = tokio::task::JoinSet::new();
        let mut answers = vec![Answer::default(); jobs.len()];
        let mut done = 0;
        for (n, job) in jobs.into_iter().enumerate() {
            // At most `concurrency` tasks exist at once: the next is made when one finishes.
            let permit = loop {
                match all.clone().try_acquire_owned() {
                    Ok(p) => break p,
                    Err(_) => {
                        if let Some(Ok((i, answer))) = set.join_next().await {
                            answers[i] = answer;
                            done += 1;
                            progress(done);
                        }
                    }
                }
            };
            let checker = self.clone();
            set.spawn(async move {
                let answer = checker.check(&job.url, job.read_page).await;
                drop(permit);
                (n, answer)
            });
        }
        while let Some(joined) = set.join_next().await {
            if let Ok((i, answer)) = joined {
                answers[i] = answer;
            }
            done += 1;
            progress(done);
        }
        answers
    }

    /// Fetches one link, with its retries.
    pub async fn check(&self, raw: &str, read_page: bool) -> Answer {
        let url = match links::target(raw) {
            Ok(url) => url,
            Err(why) => return Answer::refused(&why),
        };
        let host = self.host(&url);
        let _permit = host.acquire().await;
        let read = if read_page { self.limits.page_bytes } else { self.limits.link_bytes };
        let mut pause = self.limits.backoff;
        let mut tries = 0;
        loop {
            tries += 1;
            let last = tries > self.limits.retries;
            let outcome =
                match tokio::time::timeout(self.limits.timeout, self.follow(url.clone(), read, read_page)).await {
                    Ok(outcome) => outcome,
                    Err(_) => Err(Failed::Timeout),
                };
            match outcome {
                Ok((answer, retry_after)) => {
                    let busy = matches!(answer.status, Some(429 | 503));
                    if !busy || last {
                        return answer;
                    }
                    // The server asked for a pause: its own, when it says one no longer than a try.
                    let wait = retry_after.filter(|w| *w <= self.limits.timeout).unwrap_or(pause);
                    tokio::time::sleep(wait).await;
                }
                Err(Failed::Refused(why)) => return Answer::refused(&why),
                Err(Failed::Net(why)) => return Answer::failed(None, why),
                Err(Failed::Timeout) if last => {
                    let s = self.limits.timeout.as_secs_f64();
                    return Answer::failed(None, format!("no answer within {s} s ({tries} tries)"));
                }
                Err(Failed::Timeout) => tokio::time::sleep(pause).await,
            }
            pause *= 2;
        }
    }

    fn host(&self, url: &Url) -> Arc<Semaphore> {
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        hosts
            .entry(links::host_key(url))
            .or_insert_with(|| Arc::new(Semaphore::new(self.limits.per_host.max(1))))
            .clone()
    }

    /// One try: the request and its redirects, each hop's address checked first.
    async fn follow(&self, mut url: Url, read: usize, read_page: bool) -> Result<(Answer, Option<Duration>), Failed> {
        let mut hops = 0;
        loop {
            if let Some(ip) = literal_ip(&url) {
                address_allowed(url.host_str().unwrap_or(""), ip, self.limits.allow_private)
                    .map_err(Failed::Refused)?;
            }
            let mut request = self.client.get(url.clone());
            if !read_page {
                request = request.header(RANGE, format!("bytes=0-{}", read.saturating_sub(1)));
            }
            let mut response = request.send().await.map_err(failure)?;
            let status = response.status().as_u16();
            if response.status().is_redirection() {
                let Some(location) =
                    response.headers().get(LOCATION).map(|l| String::from_utf8_lossy(l.as_bytes()).into_owned())
                else {
                    return Ok((Answer::failed(Some(status), format!("{status} without a Location")), None));
                };
                if hops == self.limits.redirects {
                    let n = self.limits.redirects;
                    return Ok((Answer::failed(Some(status), format!("more than {n} redirects (a loop?)")), None));
                }
                hops += 1;
                let next = url
                    .join(&location)
                    .map_err(|_| Failed::Net(format!("redirected to {:?}, not a link", plain(&location, 100))))?;
                url = links::target(next.as_str()).map_err(Failed::Refused)?;
                continue;
            }
            let retry_after = response
                .headers()
                .get(RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            let declared = response
                .headers()
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .and_then(charset)
                .map(str::to_string);
            let mut body: Vec<u8> = Vec::new();
            // Never more than `read` bytes, whatever the server sends or says it will.
            while body.len() < read {
                match response.chunk().await {
                    Ok(Some(chunk)) => body.extend_from_slice(&chunk[..chunk.len().min(read - body.len())]),
                    Ok(None) => break,
                    Err(e) if status < 300 => return Err(failure(e)),
                    Err(_) => break,
                }
            }
            drop(response);
            let text = read_page.then(|| decode(&body, declared.as_deref()));
            let error = (!(200..300).contains(&status) && status != 416).then(|| format!("HTTP {status}"));
            return Ok((Answer { status: Some(status), error, refused: false, text }, retry_after));
        }
    }
}

/// A failed request in plain words: a refused address, a timeout, or what the system said.
fn failure(e: reqwest::Error) -> Failed {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&e);
    let mut deepest = None;
    while let Some(s) = source {
        if let Some(Refused(why)) = s.downcast_ref::<Refused>() {
            return Failed::Refused(why.clone());
        }
        if let Some(io) = s.downcast_ref::<io::Error>()
            && io.kind() == io::ErrorKind::TimedOut
        {
            return Failed::Timeout;
        }
        deepest = Some(s.to_string());
        source = s.source();
    }
    if e.is_timeout() {
        return Failed::Timeout;
    }
    let what = if e.is_connect() { "cannot connect" } else { "request failed" };
    Failed::Net(plain(&format!("{what}: {}", deepest.unwrap_or_else(|| e.to_string())), 200))
}

/// The charset a `Content-Type` (or a `<meta>`'s content) declares.
fn charset(content_type: &str) -> Option<&str> {
    let at = content_type.to_ascii_lowercase().find("charset=")?;
    let rest = &content_type[at + "charset=".len()..];
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(rest.len());
    Some(&rest[..end]).filter(|c| !c.is_empty())
}

/// A page's bytes as text: by its declared charset (the header's, else its `<meta>`'s; GBK and
/// GB2312 are common on county portals), else UTF-8; bad bytes replaced.
fn decode(body: &[u8], declared: Option<&str>) -> String {
    let head = String::from_utf8_lossy(&body[..body.len().min(2048)]).into_owned();
    let label = declared.map(str::to_string).or_else(|| charset(&head).map(str::to_string));
    let encoding = label.and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes())).unwrap_or(encoding_rs::UTF_8);
    encoding.decode(body).0.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pages_charset_is_its_headers_or_its_meta() {
        assert_eq!(charset("text/html; charset=GBK"), Some("GBK"));
        assert_eq!(charset("text/html"), None);
        let (gbk, _, _) = encoding_rs::GBK.encode("该信息已撤回");
        assert_eq!(decode(&gbk, Some("gbk")), "该信息已撤回");
        let mut page = b"<meta charset=\"gb2312\"><p>".to_vec();
        page.extend_from_slice(&gbk);
        assert!(decode(&page, None).contains("该信息已撤回"));
        assert_eq!(decode("已撤回".as_bytes(), None), "已撤回");
    }
}
