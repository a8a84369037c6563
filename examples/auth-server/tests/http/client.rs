//! A small HTTP/1.1 client: one connection per request, every header visible.

use std::net::SocketAddr;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::header::HeaderMap;
use hyper_util::rt::TokioIo;
use serde_json::Value;

/// A response, read whole.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Response {
    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|err| {
            panic!(
                "status {}: not JSON ({err}): {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    /// The `error` code of a JSON error body, after checking the body has exactly the
    /// `error` and `message` members, both strings.
    pub fn error(&self) -> String {
        let body = self.json();
        let object = body.as_object().expect("an error body is an object");
        assert_eq!(object.len(), 2, "{body}");
        assert!(object["message"].is_string(), "{body}");
        object["error"]
            .as_str()
            .expect("error is a string")
            .to_owned()
    }

    /// Checks that this is the JSON error `code` with `status`.
    #[track_caller]
    pub fn assert_error(&self, status: u16, code: &str) {
        assert_eq!((self.status, self.error().as_str()), (status, code));
    }

    /// The one value of header `name`.
    pub fn header(&self, name: &str) -> Option<&str> {
        let mut values = self.headers.get_all(name).iter();
        let value = values.next()?;
        assert!(values.next().is_none(), "several {name} headers");
        Some(value.to_str().expect("a text header"))
    }

    /// The `access_token` of a login or refresh response.
    pub fn access_token(&self) -> String {
        self.json()["access_token"]
            .as_str()
            .expect("an access token")
            .to_owned()
    }

    /// The `refresh_token=VALUE` pair of the `Set-Cookie` header, for a `Cookie` header.
    pub fn refresh_cookie(&self) -> String {
        let set_cookie = self.header("set-cookie").expect("a Set-Cookie header");
        let pair = set_cookie.split(';').next().unwrap_or_default();
        assert!(pair.starts_with("refresh_token="), "{set_cookie}");
        pair.to_owned()
    }
}

/// Sends one request to `addr`.
pub async fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: impl Into<Bytes>,
) -> Response {
    let stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .expect("handshake");
    tokio::spawn(connection);
    let mut request = hyper::Request::builder()
        .method(method)
        .uri(path)
        .header("host", addr.to_string());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request.body(Full::new(body.into())).expect("a request");
    let response = sender.send_request(request).await.expect("a response");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("the body")
        .to_bytes()
        .to_vec();
    Response {
        status,
        headers,
        body,
    }
}
