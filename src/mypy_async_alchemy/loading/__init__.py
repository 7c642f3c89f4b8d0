"""alchemy-lazy-load: relationship reads that would lazy-load, tracked through the types.

The load state of an ORM object travels with its type, invisible to mypy's own checks: the
model's instance type carries the loaded relationship paths in its extra attributes
(``state.py``; ``models.py`` records which classes are tracked). Statements and loader
options carry it (``options.py``), reads check it (``access.py``), merges mypy made are read
back from the code (``merges.py``), and users write it as ``Loaded[...]``
(``annotation.py``) and see it with ``reveal_loaded()`` (``reveal.py``).
"""
