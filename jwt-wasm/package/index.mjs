// Node's `import` of the package: the CommonJS build's one instance, so that `require` and
// `import` share the module, its key caches and its error classes (`instanceof` holds across).
import jwt from './index.cjs';

export const {
  sign, verify, decode, generateKey, KeyRing, JsonWebTokenError, TokenExpiredError, NotBeforeError,
} = jwt;
export default jwt;
