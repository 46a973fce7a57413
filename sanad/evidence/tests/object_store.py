"""A local S3-compatible server for the tests (moto's server mode: real HTTP on loopback)."""

import contextlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import boto3
from moto.server import ThreadedMotoServer

ACCESS_KEY = "test-access-key"
SECRET_KEY = "test-secret-key"


@dataclass(frozen=True)
class Bucket:
    endpoint: str
    name: str

    def client(self):  # type: ignore[no-untyped-def]
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name="us-east-1",
        )

    def objects(self) -> dict[str, bytes]:
        """Every object in the bucket, read back as the store holds it."""
        client = self.client()
        listing = client.list_objects_v2(Bucket=self.name).get("Contents", [])
        return {item["Key"]: client.get_object(Bucket=self.name, Key=item["Key"])["Body"].read() for item in listing}

    def storage(self) -> dict[str, object]:
        """The STORAGES entry settings.py builds for SANAD_EVIDENCE_STORAGE=s3 with this bucket."""
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": self.name,
                "endpoint_url": self.endpoint,
                "region_name": "us-east-1",
                "access_key": ACCESS_KEY,
                "secret_key": SECRET_KEY,
                "location": "",
                "file_overwrite": False,
                "default_acl": None,
                "signature_version": "s3v4",
                "addressing_style": "path",
            },
        }


@contextlib.contextmanager
def running_s3() -> Iterator[str]:
    """A server on a free loopback port for the duration; yields its address."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def new_bucket(endpoint: str) -> Bucket:
    bucket = Bucket(endpoint=endpoint, name=f"sanad-test-{uuid.uuid4().hex[:12]}")
    bucket.client().create_bucket(Bucket=bucket.name)
    return bucket
