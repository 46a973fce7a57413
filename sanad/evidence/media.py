"""Audio and video read by a real parser: FFmpeg's own, as Debian ships and patches it.

libmagic only reads the first bytes, so an MP3 frame followed by a web page, or an MP4
`ftyp` box followed by a Windows program, passed as audio and video. A file is accepted
here only when FFmpeg (ffprobe) opens it with the demuxer its type calls for, finds a real
audio or video stream, the stream's packets account for the file's bytes (nothing large
hides beside them), and its packets decode without an error. We use Debian's ffprobe and
ffmpeg rather than Python bindings: the same tools make the video keyframes for hashing
and thumbnails, Debian's security team patches them, and each run is a separate process
with a time and memory limit (sandboxed.py), so a hostile file can only break that process.
"""

import json
from dataclasses import dataclass

from sanad.evidence import sandboxed

# libmagic's type -> the FFmpeg demuxer that must read it.
DEMUXERS = {
    "video/mp4": "mov,mp4,m4a,3gp,3g2,mj2",
    "video/quicktime": "mov,mp4,m4a,3gp,3g2,mj2",
    "video/3gpp": "mov,mp4,m4a,3gp,3g2,mj2",
    "audio/mp4": "mov,mp4,m4a,3gp,3g2,mj2",
    "audio/x-m4a": "mov,mp4,m4a,3gp,3g2,mj2",
    "video/webm": "matroska,webm",
    "video/x-matroska": "matroska,webm",
    "audio/webm": "matroska,webm",
    "audio/mpeg": "mp3",
    "audio/ogg": "ogg",
    "audio/aac": "aac",
    "audio/amr": "amr",
    "audio/x-wav": "wav",
    "audio/wav": "wav",
}
# Container structure (indexes, headers, tags) beside the packets: at most this share of the
# file, or this many bytes for a small file. Measured on FFmpeg's and phones' files: an MP4's
# index is about 1-9 %, Matroska and Ogg framing 1-2 %.
MAX_OVERHEAD_SHARE = 0.10
MAX_OVERHEAD_BYTES = 16 * 1024
PROBE_TIMEOUT = 30
DECODE_TIMEOUT = 60


class NotMedia(Exception):
    """FFmpeg does not read the file as the audio or video its type claims."""


@dataclass(frozen=True)
class Probe:
    demuxer: str
    duration: float
    width: int | None
    height: int | None
    has_video: bool


def check(data: bytes, content_type: str) -> Probe:
    """What FFmpeg reads in the file, or NotMedia."""
    demuxer = DEMUXERS.get(content_type)
    if demuxer is None:
        raise NotMedia(f"no demuxer for {content_type}")
    probe = _probe(data)
    streams = [stream for stream in probe.get("streams", []) if _is_media(stream)]
    found = probe.get("format", {}).get("format_name", "")
    if found != demuxer or not streams:
        raise NotMedia(f"read as {found!r} with {len(streams)} streams")
    covered = sum(int(packet.get("size", 0)) for packet in probe.get("packets", []))
    if len(data) - covered > max(MAX_OVERHEAD_BYTES, MAX_OVERHEAD_SHARE * len(data)):
        raise NotMedia(f"only {covered} of {len(data)} bytes are audio or video")
    _decode(data)
    video = next((stream for stream in streams if stream.get("codec_type") == "video"), None)
    return Probe(
        demuxer=found,
        duration=_float(probe.get("format", {}).get("duration")),
        width=int(video["width"]) if video and video.get("width") else None,
        height=int(video["height"]) if video and video.get("height") else None,
        has_video=video is not None,
    )


def _probe(data: bytes) -> dict:
    command = [
        "ffprobe",
        "-v",
        "error",
        "-show_entries",
        "format=format_name,duration:stream=codec_type,codec_name,width,height:stream_disposition=attached_pic"
        ":packet=size",
        "-of",
        "json",
        "{file}",
    ]
    try:
        return json.loads(sandboxed.run(command, data=data, timeout=PROBE_TIMEOUT))
    except (sandboxed.ToolFailed, ValueError) as error:
        raise NotMedia(str(error)) from None


def _decode(data: bytes) -> None:
    """Every audio packet and every video keyframe must decode: junk inside the streams is an error
    (-xerror makes ffmpeg exit with one instead of skipping to the next frame it recognises)."""
    command = [
        "ffmpeg",
        "-nostdin",
        "-v",
        "error",
        "-xerror",
        "-skip_frame",
        "nokey",
        "-i",
        "{file}",
        "-f",
        "null",
        "-",
    ]
    try:
        sandboxed.run(command, data=data, timeout=DECODE_TIMEOUT)
    except sandboxed.ToolFailed as error:
        raise NotMedia(str(error)) from None


def _is_media(stream: dict) -> bool:
    if stream.get("codec_type") not in {"audio", "video"} or not stream.get("codec_name"):
        return False
    return not stream.get("disposition", {}).get("attached_pic")  # a cover picture is not a recording


def _float(value: object) -> float:
    # Whatever ffprobe wrote: float() refuses what it cannot read, and that is caught.
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0
