"""Where uploaded and generated files live, from the environment (read by ``settings.py``).

With ``S3_BUCKET`` unset, the local folder ``MEDIA_ROOT`` (a laptop needs nothing more).
With it set, S3-compatible object storage through django-storages (boto3): private objects,
presigned URLs that last ``S3_URL_SECONDS`` (signed for ``S3_PUBLIC_ENDPOINT_URL`` when the
browser reaches the storage at another address than the app, see ``smewg.s3``), never an
overwrite.
"""


def file_storage(env) -> dict:
    """The ``STORAGES["default"]`` entry for the environment ``env`` (a mapping)."""
    bucket = env.get("S3_BUCKET", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "smewg.s3.PublicURLS3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env.get("S3_ENDPOINT_URL") or None,
            "region_name": env.get("S3_REGION") or None,
            "access_key": env.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": env.get("S3_SECRET_ACCESS_KEY") or None,
            "default_acl": None,  # the bucket's own policy: private
            "querystring_auth": True,
            "querystring_expire": int(env.get("S3_URL_SECONDS", "300")),
            "file_overwrite": False,
            "signature_version": "s3v4",
            "addressing_style": env.get("S3_ADDRESSING_STYLE", "path"),
        },
    }
