// The same API through `require` (CommonJS declarations).
import jwt = require('jwt-wasm');

const secret = 'a secret of at least 32 random bytes, never a password';
const token: string = jwt.sign({ sub: 'u1' }, secret, { expiresIn: 60 });
const claims: jwt.JwtPayload = jwt.verify(token, secret, { algorithms: ['HS256'] });
const error: jwt.JsonWebTokenError = new jwt.TokenExpiredError('jwt expired', new Date());
// @ts-expect-error: decode takes a token string
jwt.decode(5);

void [claims, error];
