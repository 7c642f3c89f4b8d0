"""A small async app that the stub tests type-check with and without the stubs."""
