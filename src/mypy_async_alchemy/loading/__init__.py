"""alchemy-lazy-load: relationship reads that would lazy-load, tracked through the types.

The load state of an ORM object lives in a visible type, ``Model@Loaded[...]``: a synthetic
protocol subclass of the model created next to it (``models.py``), whose type argument holds
the loaded relationship paths (``state.py``). Statements and loader options carry it
(``options.py``), reads check it (``access.py``), and users write it as ``Loaded[...]``
(``annotation.py``).
"""
