"""Object storage whose download links may name another address than the one the app uses.

Inside docker-compose the web and worker services reach MinIO at ``http://minio:9000``, an
address no browser can reach; browsers reach it through the TLS proxy at the site's own
address. With ``S3_PUBLIC_ENDPOINT_URL`` set, presigned download URLs are signed for that
address (the signature covers the host, so they must be signed for the one the browser
uses); everything else goes to ``S3_ENDPOINT_URL``.
"""
import boto3
from botocore.config import Config
from django.conf import settings
from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class PublicURLS3Storage(S3Storage):
    """``S3Storage`` that signs download URLs for ``settings.S3_PUBLIC_ENDPOINT_URL``."""

    def _public_client(self, endpoint: str):
        """The signing client for ``endpoint``, made once per storage (a boto3 client costs
        tens of milliseconds; signing with it costs none and needs no network)."""
        cached = getattr(self, "_public_clients", None)
        if cached is None:
            cached = self._public_clients = {}
        if endpoint not in cached:
            cached[endpoint] = boto3.session.Session().client(
                "s3", endpoint_url=endpoint, region_name=self.region_name, aws_access_key_id=self.access_key,
                aws_secret_access_key=self.secret_key,
                config=Config(signature_version=self.signature_version, s3={"addressing_style": self.addressing_style}),
            )
        return cached[endpoint]

    def url(self, name, parameters=None, expire=None, http_method=None):
        public = getattr(settings, "S3_PUBLIC_ENDPOINT_URL", "")
        if not public:
            return super().url(name, parameters=parameters, expire=expire, http_method=http_method)
        client = self._public_client(public)
        params = {**(parameters or {}), "Bucket": self.bucket_name, "Key": self._normalize_name(clean_name(name))}
        return client.generate_presigned_url(
            "get_object", Params=params, ExpiresIn=self.querystring_expire if expire is None else expire,
            HttpMethod=http_method,
        )
