"""``make mutation``: prove the tests can fail, with mutants of the mock and the wrapper.

Two parts, each run in a temporary copy of the package that the tests import instead of the
checkout (see :mod:`scripts.mutation.sandbox`):

- generated mutants (:mod:`scripts.mutation.operators`) of the mock's query, paging, auth and
  error code and of the wrapper's ``_pagination``, ``_retry`` and ``_auth``
  (:mod:`scripts.mutation.targets`), each run against only the tests that cover its module;
- named bugs planted in the mock (:mod:`scripts.mutation.planted`), each of which must be killed
  by the mock and contract tests of ``make test``.

``python -m scripts.mutation`` prints a table of every mutant, killed or survived, and the
score of each target; survivors judged equivalent are listed in
:data:`scripts.mutation.equivalent.EQUIVALENT` with why.
"""
