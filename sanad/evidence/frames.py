"""Keyframes of a video, decoded by Debian's ffmpeg: for PDQ hashes and the blurred thumbnail."""

import io

from PIL import Image

from sanad.evidence import sandboxed

PNG_END = b"IEND\xaeB`\x82"
FRAME_SIDE = 1200
DECODE_TIMEOUT = 120


def keyframes(data: bytes, *, limit: int) -> list[Image.Image]:
    """Up to `limit` keyframes, in order, at most FRAME_SIDE pixels wide or high; [] if none decode."""
    scale = f"scale=w='min({FRAME_SIDE},iw)':h='min({FRAME_SIDE},ih)':force_original_aspect_ratio=decrease"
    command = [
        "ffmpeg", "-nostdin", "-v", "error", "-skip_frame", "nokey", "-i", "{file}",
        "-map", "0:v:0", "-vf", scale, "-fps_mode", "passthrough", "-frames:v", str(limit),
        "-f", "image2pipe", "-c:v", "png", "-",
    ]  # fmt: skip
    try:
        stream = sandboxed.run(command, data=data, timeout=DECODE_TIMEOUT)
    except sandboxed.ToolFailed:
        return []
    frames = []
    for chunk in stream.split(PNG_END):
        if chunk.strip():
            with Image.open(io.BytesIO(chunk + PNG_END)) as frame:
                frames.append(frame.convert("RGB"))
    return frames
