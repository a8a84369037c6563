// Types of the jwt-wasm package: jsonwebtoken 9's API on jwt-core, and what it adds.

/**
 * The registered JWS signature algorithms (RFC 7518, RFC 8037), as jsonwebtoken's types name
 * them. Those jwt-core implements are accepted; any other (and `none`, never listed) is refused
 * with code "InvalidAlgorithm".
 */
export type Algorithm =
  | 'HS256' | 'HS384' | 'HS512' | 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512'
  | 'ES256' | 'ES384' | 'ES512' | 'EdDSA';

/** jwt-core's stable error kinds (`../shared/vectors/CASES.md`), plus this package's own. */
export type ErrorCode =
  | 'MalformedToken' | 'TokenTooLarge' | 'InvalidAlgorithm' | 'KeyAlgorithmMismatch'
  | 'InvalidKey' | 'UnknownKeyId' | 'InvalidSignature' | 'UnsupportedCriticalHeader'
  | 'InvalidType' | 'Expired' | 'NotYetValid' | 'ImmatureIssuedAt' | 'TooOld'
  | 'InvalidIssuer' | 'InvalidAudience' | 'InvalidSubject' | 'MissingRequiredClaim'
  | 'ClaimMismatch' | 'InvalidClaims' | 'InvalidHeader'
  /** An argument of a type the API does not take. */
  | 'InvalidOptions';

/** Every error the package throws (or passes to a callback). */
export class JsonWebTokenError extends Error {
  constructor(message: string, code?: ErrorCode, cause?: unknown);
  name: 'JsonWebTokenError' | 'TokenExpiredError' | 'NotBeforeError';
  /** The stable kind of the failure. */
  code: ErrorCode;
  /** jwt-core's own message, where the message is jsonwebtoken's. */
  detail?: string;
}

/** `exp` has passed (`code` "Expired"), or `maxAge` is exceeded (`code` "TooOld"). */
export class TokenExpiredError extends JsonWebTokenError {
  constructor(message: string, expiredAt: Date, code?: ErrorCode);
  name: 'TokenExpiredError';
  expiredAt: Date;
}

/** `nbf` lies in the future (`code` "NotYetValid"). */
export class NotBeforeError extends JsonWebTokenError {
  constructor(message: string, date: Date, code?: ErrorCode);
  name: 'NotBeforeError';
  date: Date;
}

/** A JSON Web Key (RFC 7517) of a kind jwt-core reads: RSA, `OKP` (Ed25519), an HMAC secret (`oct`). */
export interface JsonWebKey {
  kty: string;
  [member: string]: unknown;
}

/** A JSON Web Key Set (RFC 7517 section 5). */
export interface JsonWebKeySet {
  keys: JsonWebKey[];
}

/** Node's `crypto.KeyObject`, as far as this package reads it. */
export interface KeyObjectLike {
  readonly type: 'secret' | 'public' | 'private';
  export(options?: { format: 'jwk' }): unknown;
}

/**
 * A secret or a key (string or bytes: PEM, DER, JWK JSON, or else a secret), a JWK or a Node
 * `KeyObject`.
 */
export type Secret = string | Uint8Array | JsonWebKey | KeyObjectLike;

/** Claims as a token carries them. */
export interface JwtPayload {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  exp?: number;
  nbf?: number;
  iat?: number;
  jti?: string;
  [claim: string]: unknown;
}

/** A token's header, `alg` included. */
export interface JwtHeader {
  alg: Algorithm;
  typ?: string;
  kid?: string;
  cty?: string;
  crit?: string[];
  [member: string]: unknown;
}

/** A verified (or decoded) token's parts. */
export interface Jwt {
  header: JwtHeader;
  payload: JwtPayload;
  signature: string;
}

/** A time span: seconds, or a string such as "15m", "7d", "2h". */
export type TimeSpan = number | string;

export interface SignOptions {
  /** Default "HS256". */
  algorithm?: Algorithm;
  expiresIn?: TimeSpan;
  notBefore?: TimeSpan;
  audience?: string | string[];
  issuer?: string;
  subject?: string;
  jwtid?: string;
  keyid?: string;
  /** More header members (`typ`, `cty`, custom ones). */
  header?: Record<string, unknown>;
  noTimestamp?: boolean;
  mutatePayload?: boolean;
  /** Admits HMAC secrets shorter than the hash output (never RSA keys under 2048 bits). */
  allowInsecureKeySizes?: boolean;
  /** Accepted for jsonwebtoken's sake; keys are always bound to their algorithm family. */
  allowInvalidAsymmetricKeyTypes?: boolean;
  /** How a string payload becomes bytes (Node's Buffer encodings; "utf8" elsewhere). */
  encoding?: string;
  /** How a string or byte key is read (beyond jsonwebtoken): see VerifyOptions.keyFormat. */
  keyFormat?: KeyFormat;
}

/**
 * "pem": the key is PEM text, never an HMAC secret; "secret": the key is an HMAC secret, never
 * a key. By default a string or byte key that is a key in any encoding (PEM, DER, JWK or JWK
 * Set JSON) is that key, and anything else a secret.
 */
export type KeyFormat = 'pem' | 'secret';

export interface VerifyOptions {
  /** The allow-list; by default the key family's algorithms (required for JWK Sets). */
  algorithms?: Algorithm[];
  audience?: string | RegExp | Array<string | RegExp>;
  issuer?: string | string[];
  subject?: string;
  jwtid?: string;
  nonce?: string;
  /** Seconds of clock skew allowed on `exp`, `nbf`, `iat` and `maxAge`. */
  clockTolerance?: number;
  maxAge?: TimeSpan;
  /** The current time in seconds (default: `Date.now()`). */
  clockTimestamp?: number;
  complete?: boolean;
  ignoreExpiration?: boolean;
  ignoreNotBefore?: boolean;
  allowInsecureKeySizes?: boolean;
  /** Required `typ` header (beyond jsonwebtoken). */
  typ?: string;
  /** Size limit in bytes (default 32 KiB; beyond jsonwebtoken). */
  maxTokenBytes?: number;
  /**
   * jwt-core's defaults instead of jsonwebtoken's (beyond jsonwebtoken): `exp` is required,
   * and a token naming an audience is refused unless `audience` is given.
   */
  strict?: boolean;
  /** Claims that must be present, replacing the defaults (beyond jsonwebtoken). */
  requiredClaims?: string[];
  /** How a string or byte key is read (beyond jsonwebtoken). */
  keyFormat?: KeyFormat;
}

export interface DecodeOptions {
  complete?: boolean;
  json?: boolean;
}

export type VerifyKey = Secret | JsonWebKeySet;
export type KeyCallback = (error: Error | null, key?: VerifyKey) => void;
export type KeyFunction = (header: JwtHeader, callback: KeyCallback) => void;
export type VerifyCallback<T = JwtPayload | Jwt> = (error: JsonWebTokenError | null, decoded?: T) => void;
export type SignCallback = (error: Error | null, token?: string) => void;

export function sign(payload: string | Uint8Array | object, key: Secret, options?: SignOptions): string;
export function sign(payload: string | Uint8Array | object, key: Secret, callback: SignCallback): void;
export function sign(
  payload: string | Uint8Array | object, key: Secret, options: SignOptions, callback: SignCallback,
): void;

export function verify(token: string, key: VerifyKey, options: VerifyOptions & { complete: true }): Jwt;
export function verify(token: string, key: VerifyKey, options?: VerifyOptions): JwtPayload;
export function verify(token: string, key: VerifyKey | KeyFunction, callback: VerifyCallback): void;
export function verify(
  token: string, key: VerifyKey | KeyFunction, options: VerifyOptions & { complete: true },
  callback: VerifyCallback<Jwt>,
): void;
export function verify(
  token: string, key: VerifyKey | KeyFunction, options: VerifyOptions,
  callback: VerifyCallback<JwtPayload>,
): void;

export function decode(token: string, options: DecodeOptions & { complete: true }): Jwt | null;
export function decode(token: string, options?: DecodeOptions): JwtPayload | null;

/**
 * A new random key (from crypto.getRandomValues), named by its RFC 7638 thumbprint (`kid`):
 * the private JWK, and the public one (undefined for an HMAC secret).
 */
export function generateKey(algorithm: Algorithm): { privateKey: JsonWebKey; publicKey: JsonWebKey | undefined };

export interface RingKeyOptions {
  algorithm: Algorithm;
  keyFormat?: KeyFormat;
  /** Default: the key's RFC 7638 thumbprint (or a JWK's own `kid`). */
  kid?: string;
  allowInsecureKeySizes?: boolean;
}

/** Signs with its current key, verifies with every key not retired, publishes a JWK Set. */
export class KeyRing {
  constructor(privateKey: Secret, options: RingKeyOptions);
  rotate(privateKey: Secret, options: RingKeyOptions): void;
  retire(kid: string): void;
  readonly currentKid: string;
  jwks(): JsonWebKeySet;
  sign(payload: object, options?: SignOptions): string;
  verify(token: string, options: VerifyOptions & { algorithms: Algorithm[] }): JwtPayload;
}

declare const jwt: {
  sign: typeof sign;
  verify: typeof verify;
  decode: typeof decode;
  generateKey: typeof generateKey;
  KeyRing: typeof KeyRing;
  JsonWebTokenError: typeof JsonWebTokenError;
  TokenExpiredError: typeof TokenExpiredError;
  NotBeforeError: typeof NotBeforeError;
};
export default jwt;
