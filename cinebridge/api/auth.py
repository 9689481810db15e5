"""Who is calling the API: a bearer token, else the browser's session, else (where allowed) nobody.

Ninja tries the callbacks in order and stops at the first truthy result. A request that presents
credentials which do not hold is refused with 401 rather than served as anonymous, so that a client
with a mistyped or revoked token notices instead of silently seeing only the public catalogue.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer
from ninja.security.apikey import APIKeyCookie
from ninja.utils import check_csrf

from cinebridge.accounts.models import User

from .selectors import api_token_authenticate


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>` with one of the tokens people create on their token page."""

    def __call__(self, request: HttpRequest) -> User | None:
        header = request.headers.get(self.header, "")
        if not header:
            return None
        scheme, _space, token = header.partition(" ")
        if scheme.lower() != self.openapi_scheme or not token.strip():
            raise AuthenticationError(message=_("Send the token as “Authorization: Bearer <token>”."))
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = api_token_authenticate(plaintext=token)
        if user is None:
            raise AuthenticationError(message=_("This API token is not valid: it may have been revoked."))
        return user


class SessionUser(APIKeyCookie):
    """The signed-in browser session (for the API docs page), CSRF-checked for writes."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        # Checking CSRF only for a signed-in session lets an anonymous write fall through to 401.
        if _session_user(request) is None:
            return None
        if self.csrf and not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(
                403, _("The CSRF check failed: send the X-CSRFToken header with the page's token.")
            )
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> User | None:
        return _session_user(request) if key else None


def _session_user(request: HttpRequest) -> User | None:
    user = getattr(request, "user", None)
    return user if isinstance(user, User) and user.is_authenticated else None


def anonymous(request: HttpRequest) -> AnonymousUser:
    """Let a request without credentials through, as nobody in particular."""
    return AnonymousUser()


bearer_token = BearerToken()
session_user = SessionUser()
REQUIRED = [bearer_token, session_user]
OPTIONAL = [bearer_token, session_user, anonymous]


def request_user(request: HttpRequest) -> User | None:
    """The user the request was authenticated as, or None for an anonymous one."""
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, User) else None
