"""The server error page (500), in the app's look, with the request id to quote."""
from django.http import HttpResponseServerError
from django.template.loader import render_to_string
from django.views.decorators.csrf import requires_csrf_token


@requires_csrf_token
def server_error(request):
    """Render ``500.html`` without the request's context: after an error the database or the
    session may be what failed, so the page reads nothing from them."""
    body = render_to_string("500.html", {"request_id": getattr(request, "request_id", "")})
    return HttpResponseServerError(body)
