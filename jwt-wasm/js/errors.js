// The errors the package throws, and the one place that makes them from jwt-core's failures.
//
// Every error is a real Error subclass, named and shaped as jsonwebtoken's (programs match on
// `name`, `message`, `expiredAt` and `date`), and carries `code`: jwt-core's stable error kind
// (../shared/vectors/CASES.md), or "InvalidOptions" for arguments of the wrong type.

export class JsonWebTokenError extends Error {
  constructor(message, code, cause) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'JsonWebTokenError';
    this.code = code;
  }
}

export class TokenExpiredError extends JsonWebTokenError {
  constructor(message, expiredAt, code = 'Expired') {
    super(message, code);
    this.name = 'TokenExpiredError';
    this.expiredAt = expiredAt;
  }
}

export class NotBeforeError extends JsonWebTokenError {
  constructor(message, date, code = 'NotYetValid') {
    super(message, code);
    this.name = 'NotBeforeError';
    this.date = date;
  }
}

/** An argument that is not of a type the API documents. */
export function invalidOptions(message) {
  return new JsonWebTokenError(message, 'InvalidOptions');
}

/** A token that is missing or not a string (jsonwebtoken's messages). */
export function malformed(message) {
  return new JsonWebTokenError(message, 'MalformedToken');
}

/**
 * The exception for a failure of the wasm module (an `errors.rs` Failure), with
 * jsonwebtoken's message where programs match on it. `expected` holds the verify options
 * that jsonwebtoken quotes in its messages. Anything else the module throws (a bug, or the
 * module out of memory) is rethrown as it is.
 */
export function fromFailure(failure, expected = {}) {
  if (failure === null || typeof failure !== 'object' || typeof failure.code !== 'string') {
    return failure;
  }
  const { code } = failure;
  const message = failure.message;
  const error = make(code, message, failure, expected);
  error.detail = message;
  failure.free();
  return error;
}

function make(code, message, failure, expected) {
  switch (code) {
    case 'Expired':
      return new TokenExpiredError('jwt expired', date(failure.time));
    case 'TooOld':
      return new TokenExpiredError('maxAge exceeded', date(failure.time), code);
    case 'NotYetValid':
      return new NotBeforeError('jwt not active', date(failure.time));
    case 'MalformedToken':
      return new JsonWebTokenError(malformedMessage(failure, message), code);
    case 'MissingRequiredClaim': {
      const claim = failure.claim;
      return new JsonWebTokenError(
        claim === 'iat' && expected.maxAge !== undefined
          ? 'iat required when maxAge is specified'
          : expectedValueMessage(claim, expected) ?? message,
        code,
      );
    }
    case 'ClaimMismatch':
      return new JsonWebTokenError(expectedValueMessage(failure.claim, expected) ?? message, code);
    case 'InvalidAlgorithm':
      return new JsonWebTokenError('invalid algorithm', code);
    case 'KeyAlgorithmMismatch':
      return new JsonWebTokenError(mismatchMessage(failure), code);
    case 'InvalidSignature':
      return new JsonWebTokenError('invalid signature', code);
    case 'InvalidAudience':
      return new JsonWebTokenError(audienceMessage(expected.audience, message), code);
    case 'InvalidIssuer':
      return new JsonWebTokenError(
        expected.issuer === undefined ? message : `jwt issuer invalid. expected: ${expected.issuer}`,
        code,
      );
    case 'InvalidSubject':
      return new JsonWebTokenError(
        expected.subject === undefined
          ? message
          : `jwt subject invalid. expected: ${expected.subject}`,
        code,
      );
    default:
      return new JsonWebTokenError(message, code);
  }
}

/** jsonwebtoken's audience message, quoting the accepted audiences. */
function audienceMessage(audience, fallback) {
  if (audience === undefined) return fallback;
  const accepted = Array.isArray(audience) ? audience : [audience];
  return `jwt audience invalid. expected: ${accepted.join(' or ')}`;
}

/** jsonwebtoken's message for a `jwtid` or `nonce` the token does not carry. */
function expectedValueMessage(claim, expected) {
  if (claim === 'jti' && expected.jwtid !== undefined) return `jwt jwtid invalid. expected: ${expected.jwtid}`;
  if (claim === 'nonce' && expected.nonce !== undefined) return `jwt nonce invalid. expected: ${expected.nonce}`;
  return undefined;
}

function malformedMessage(failure, message) {
  const shape = failure.shape;
  if (shape === 'segments') return 'jwt malformed';
  // What jsonwebtoken's decode gives up on (a segment that is not base64url, a header that is
  // not JSON), it reports as an invalid token.
  if (shape === 'undecodable') return 'invalid token';
  const claim = failure.claim;
  if (claim === 'exp' || claim === 'nbf' || claim === 'iat') return `invalid ${claim} value`;
  return message;
}

function mismatchMessage(failure) {
  const algorithm = failure.algorithm;
  if (failure.algorithmFamily === 'HMAC') {
    return `secretOrPublicKey must be a symmetric key when using ${algorithm}`;
  }
  if (failure.keyFamily === 'HMAC') {
    return `secretOrPublicKey must be an asymmetric key when using ${algorithm}`;
  }
  return 'invalid algorithm';
}

function date(seconds) {
  return new Date(seconds * 1000);
}
