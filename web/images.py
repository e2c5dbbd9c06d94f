"""Uploaded images (posters, logos): checked, then re-encoded so nothing of the original file survives.

Size cap, a format allow-list (JPEG, PNG, WebP), a pixel cap checked from the header before decoding
(decompression bombs), then a fresh WebP without metadata plus a thumbnail.
"""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
ACCEPT = "image/jpeg,image/png,image/webp"


@dataclass(frozen=True)
class ProcessedImage:
    full: ContentFile
    thumbnail: ContentFile
    width: int
    height: int


def _webp(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="WEBP", quality=85, method=4)
    return buffer.getvalue()


def image_process(*, upload, max_side: int = 1600, thumbnail_side: int = 400) -> ProcessedImage:
    """Validate an uploaded image and return re-encoded WebP files. Raises ValidationError with a clear reason."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The image is %(size)d MB; the limit is %(limit)d MB."),
            params={"size": upload.size // (1024 * 1024) + 1, "limit": MAX_UPLOAD_BYTES // (1024 * 1024)},
            code="too_large",
        )
    try:
        upload.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as source:
                if source.format not in ALLOWED_FORMATS:
                    raise ValidationError(_("Upload a JPEG, PNG or WebP image."), code="format")
                width, height = source.size
                if width * height > MAX_PIXELS:
                    raise ValidationError(
                        _("The image is %(width)d × %(height)d pixels; keep it under %(limit)d megapixels."),
                        params={"width": width, "height": height, "limit": MAX_PIXELS // 1_000_000},
                        code="too_many_pixels",
                    )
                source.load()
                image = ImageOps.exif_transpose(source)
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
        OSError,
        SyntaxError,
    ) as exc:
        raise ValidationError(_("This file is not an image we can read."), code="unreadable") from exc
    image = image.convert("RGBA" if image.mode in {"RGBA", "LA", "P"} else "RGB")
    full = image.copy()
    full.thumbnail((max_side, max_side))
    thumbnail = image.copy()
    thumbnail.thumbnail((thumbnail_side, thumbnail_side))
    return ProcessedImage(
        full=ContentFile(_webp(full)), thumbnail=ContentFile(_webp(thumbnail)), width=full.width, height=full.height
    )
