import time


class ServerTimingMiddleware:
    """`Server-Timing: app;dur=12.3`: how long the app took over a response, in milliseconds. Browsers' developer
    tools show it, and the benchmarks read it, so their figures are the server's time without the network's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        response["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response
