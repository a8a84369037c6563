"""PyJWT's warning classes."""


class RemovedInPyjwt3Warning(DeprecationWarning):
    """A feature PyJWT 3 removes (deprecated arguments of ``decode``)."""


class InsecureKeyLengthWarning(UserWarning):
    """A key is shorter than its algorithm needs (an HMAC secret shorter than the hash
    output). Set the option ``enforce_minimum_key_length`` to refuse such keys instead."""
