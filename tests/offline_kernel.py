"""The ``PYTHONSTARTUP`` of every notebook kernel the tests start (set in ``tests/conftest.py``):
before each cell, every socket is refused, as ``network_refused`` refuses them in the test process.

nbval's kernels are other processes, beyond a guard entered in the test process. IPython runs
this file when the kernel starts; the guard is put in place from the first cell on (the kernel's
own event loop, made after this file runs, needs a local socket pair), and again before every
cell. It leaves no name in the notebook's namespace; imported (pytest's doctest collection
imports every module) it does nothing.
"""


def _refuse_the_network_in_every_cell() -> None:
    import socket

    from IPython import get_ipython

    def refuse(*args, **kwargs):
        raise OSError("network access attempted")

    def guard(info) -> None:  # noqa: ANN001 - IPython's ExecutionInfo
        for name in ("socket", "create_connection", "getaddrinfo"):
            setattr(socket, name, refuse)

    get_ipython().events.register("pre_run_cell", guard)


if __name__ == "__main__":  # IPython runs startup files as __main__
    _refuse_the_network_in_every_cell()
del _refuse_the_network_in_every_cell
