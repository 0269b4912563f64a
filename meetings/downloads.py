"""Stored files handed to the user who asked, once the view has applied the read rule.

On the local file system the file is streamed (``FileResponse`` reads it in blocks, so
memory stays flat whatever its size). In object storage (``S3_BUCKET``) the bucket is private
and the answer is a redirect to a presigned URL that lasts ``S3_URL_SECONDS`` and names the
file and its type: the web machine passes no bytes, and a link copied from the browser stops
working minutes later. Either way, nobody reaches a file without asking the app first.
"""
from django.conf import settings
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.utils.http import content_disposition_header


def storage_presigns(storage) -> bool:
    """Whether ``storage`` answers downloads with presigned URLs (S3) rather than bytes."""
    return bool(getattr(storage, "querystring_auth", False)) and hasattr(storage, "bucket_name")


def stored_file_response(stored, *, filename: str, content_type: str | None = None, gone: str):
    """A download of the ``FieldFile`` ``stored`` as ``filename``; 404 saying ``gone`` when the
    storage no longer has it."""
    storage = stored.storage
    if storage_presigns(storage):
        if not storage.exists(stored.name):
            raise Http404(gone)
        parameters = {"ResponseContentDisposition": content_disposition_header(True, filename)}
        if content_type:
            parameters["ResponseContentType"] = content_type
        url = storage.url(stored.name, parameters=parameters, expire=settings.S3_URL_SECONDS)
        response = HttpResponseRedirect(url)
        response["Cache-Control"] = "private, no-store"  # a shared cache must not hand the URL to another user
        return response
    try:
        handle = stored.open("rb")
    except FileNotFoundError as error:
        raise Http404(gone) from error
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
