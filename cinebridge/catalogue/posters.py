"""Poster validation: a real image, of a common format, of a sane size."""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from cinebridge.core.errors import ApplicationError

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
MIN_SIDE_PX = 100


def validate_poster(upload: UploadedFile) -> UploadedFile:
    """Return the upload, renamed by its real format, or refuse it with a reason naming the poster field."""
    if upload.size is not None and upload.size > settings.POSTER_MAX_BYTES:
        raise ApplicationError(
            _("The poster is larger than %(max)s MB.") % {"max": settings.POSTER_MAX_BYTES // 2**20},
            extra={"field": "poster"},
        )
    try:
        with Image.open(upload) as image:
            image_format, (width, height) = image.format, image.size
            if width * height > settings.POSTER_MAX_PIXELS:
                raise ApplicationError(_("The poster has too many pixels."), extra={"field": "poster"})
            image.verify()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError) as exc:
        raise ApplicationError(
            _("The poster is not an image we can read (use JPEG, PNG or WebP)."), extra={"field": "poster"}
        ) from exc
    if image_format not in ALLOWED_FORMATS:
        raise ApplicationError(_("Posters must be JPEG, PNG or WebP."), extra={"field": "poster"})
    if min(width, height) < MIN_SIDE_PX:
        raise ApplicationError(
            _("The poster is too small (at least %(px)s pixels on each side).") % {"px": MIN_SIDE_PX},
            extra={"field": "poster"},
        )
    upload.seek(0)
    upload.name = f"poster.{ALLOWED_FORMATS[image_format]}"
    return upload
