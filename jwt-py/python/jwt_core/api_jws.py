"""PyJWT's JWS layer: sign and verify raw payload bytes (no claims are read)."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional, Sequence, Type

from . import _native
from .algorithms import Algorithm, get_default_algorithms
from .types import SigOptions

_ALGORITHM_UNSET = object()


class PyJWS:
    """Compact JWS signing and verification with jwt-core.

    ``algorithms`` limits the algorithms this object signs and verifies with; ``options``
    are :class:`jwt_core.types.SigOptions`.
    """

    header_typ = "JWT"

    def __init__(self, algorithms: Optional[Sequence[str]] = None, options: Optional[SigOptions] = None) -> None:
        self._algorithms: Dict[str, Algorithm] = get_default_algorithms()
        self._valid_algs = set(algorithms) if algorithms is not None else set(self._algorithms)
        for name in list(self._algorithms):
            if name not in self._valid_algs:
                del self._algorithms[name]
        self.options: SigOptions = {"verify_signature": True, "enforce_minimum_key_length": False}
        if options is not None:
            self.options = {**self.options, **options}

    def register_algorithm(self, alg_id: str, alg_obj: Algorithm) -> None:
        """Registers ``alg_obj`` as ``alg_id``. Only jwt-core's own algorithms sign and
        verify; another registered name is refused when used."""
        if alg_id in self._algorithms:
            raise ValueError("Algorithm already has a handler.")
        if not isinstance(alg_obj, Algorithm):
            raise TypeError("Object is not of type `Algorithm`")
        self._algorithms[alg_id] = alg_obj
        self._valid_algs.add(alg_id)

    def unregister_algorithm(self, alg_id: str) -> None:
        """Stops signing and verifying with ``alg_id`` (KeyError if not registered)."""
        if alg_id not in self._algorithms:
            raise KeyError("The specified algorithm could not be removed because it is not registered.")
        del self._algorithms[alg_id]
        self._valid_algs.remove(alg_id)

    def get_algorithms(self) -> List[str]:
        """The names this object signs and verifies with."""
        return list(self._valid_algs)

    def get_algorithm_by_name(self, alg_name: str) -> Algorithm:
        """The algorithm object named ``alg_name`` (NotImplementedError if there is none)."""
        try:
            return self._algorithms[alg_name]
        except KeyError as err:
            raise NotImplementedError(
                f"Algorithm not supported: {alg_name!r} (jwt_core implements {', '.join(_native.ALGORITHMS)})"
            ) from err

    def _allowed(self, algorithms: Optional[Sequence[str]]) -> Optional[List[str]]:
        """The allow-list less the algorithms this object was told not to use (a list of
        only unusable names stays as it is: it matches no token)."""
        if algorithms is None or isinstance(algorithms, str):
            return algorithms  # type: ignore[return-value]
        usable = [name for name in algorithms if name in self._algorithms]
        return usable or list(algorithms)

    def encode(
        self,
        payload: bytes,
        key: Any,
        algorithm: Optional[str] = _ALGORITHM_UNSET,  # type: ignore[assignment]
        headers: Optional[Dict[str, Any]] = None,
        json_encoder: Optional[Type[json.JSONEncoder]] = None,
        is_payload_detached: bool = False,
        sort_headers: bool = True,
    ) -> str:
        """Signs ``payload`` bytes into a compact JWS."""
        name = (headers or {}).get("alg") or algorithm
        if isinstance(name, str):
            self.get_algorithm_by_name(name)
        chosen = {} if algorithm is _ALGORITHM_UNSET else {"algorithm": algorithm}
        return _native.encode_jws(
            payload,
            key,
            headers=headers,
            json_encoder=json_encoder,
            is_payload_detached=is_payload_detached,
            sort_headers=sort_headers,
            enforce_minimum_key_length=bool(self.options.get("enforce_minimum_key_length")),
            **chosen,
        )

    def decode_complete(
        self,
        jwt: Any,
        key: Any = "",
        algorithms: Optional[Sequence[str]] = None,
        options: Optional[SigOptions] = None,
        detached_payload: Optional[bytes] = None,
        **kwargs: Any,
    ) -> Dict[str, Any]:
        """Verifies ``jwt``; returns its ``header``, ``payload`` (bytes) and ``signature``."""
        merged = {**self.options, **(options or {})}
        return _native.decode_jws(jwt, key, self._allowed(algorithms), merged, detached_payload)

    def decode(
        self,
        jwt: Any,
        key: Any = "",
        algorithms: Optional[Sequence[str]] = None,
        options: Optional[SigOptions] = None,
        detached_payload: Optional[bytes] = None,
        **kwargs: Any,
    ) -> Any:
        """Verifies ``jwt`` and returns its payload bytes."""
        return self.decode_complete(jwt, key, algorithms, options, detached_payload)["payload"]

    def get_unverified_header(self, jwt: Any) -> Dict[str, Any]:
        """The header of ``jwt``, unverified: use it only to choose a key."""
        return _native.get_unverified_header(jwt)


_jws_global_obj = PyJWS()
encode = _jws_global_obj.encode
decode_complete = _jws_global_obj.decode_complete
decode = _jws_global_obj.decode
register_algorithm = _jws_global_obj.register_algorithm
unregister_algorithm = _jws_global_obj.unregister_algorithm
get_algorithm_by_name = _jws_global_obj.get_algorithm_by_name
get_unverified_header = _native.get_unverified_header
