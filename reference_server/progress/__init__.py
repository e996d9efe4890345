"""How records move from WAITING to a final status: the clock (``clock``), what each desktop does
(``outcomes``) and the engine that applies both (``engine``)."""
