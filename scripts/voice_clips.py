"""Make the recorded Indonesian clips the queue display falls back on when the browser has no
`id-ID` speech voice. Run once; the clips are committed (satupintu/static/satupintu/voice/id/).

    apt-get install -y espeak-ng opus-tools
    python scripts/voice_clips.py

A call is spoken as chime, "nomor antrean", the prefix letter(s), the number in words, "silakan
menuju loket", the counter number in words: "Nomor antrean A dua belas, silakan menuju loket
dua". Numbers are read as words, the way an officer calls them, not digit by digit; Indonesian
number words are regular, so 17 clips (nol..sembilan, sepuluh, sebelas, belas, puluh, seratus,
ratus, seribu, ribu) say every number below a million (satupintu/voice.js `numberWords`).
Each clip is espeak-ng's voice `id` at 16 kHz, encoded as Ogg Opus at 16 kbit/s (mono), a few
kilobytes each; the chime is two sine tones made here.
"""

from __future__ import annotations

import math
import shutil
import struct
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "platform/satupintu/static/satupintu/voice/id"
WORDS = {
    "nomor-antrean": "nomor antrean",
    "silakan-menuju-loket": "silakan menuju loket",
    "nol": "nol",
    "satu": "satu",
    "dua": "dua",
    "tiga": "tiga",
    "empat": "empat",
    "lima": "lima",
    "enam": "enam",
    "tujuh": "tujuh",
    "delapan": "delapan",
    "sembilan": "sembilan",
    "sepuluh": "sepuluh",
    "sebelas": "sebelas",
    "belas": "belas",
    "puluh": "puluh",
    "seratus": "seratus",
    "ratus": "ratus",
    "seribu": "seribu",
    "ribu": "ribu",
}
# The letters as Indonesians name them (A "a", B "be", ... Z "zet").
LETTERS = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyz",
        "a be ce de e ef ge ha i je ka el em en o pe ki er es te u fe we eks ye zet".split(),  # noqa: SIM905
        strict=True,
    )
)
RATE = 16000


def speak(text: str, wav: Path) -> None:
    subprocess.run(
        ["espeak-ng", "-v", "id", "-s", "135", "-p", "45", "-w", str(wav), text], check=True
    )


def chime(wav: Path) -> None:
    """Ding-dong: 0.35 s at 880 Hz then 0.5 s at 660 Hz, each fading out."""
    frames = bytearray()
    for freq, seconds in ((880.0, 0.35), (660.0, 0.5)):
        count = int(RATE * seconds)
        for i in range(count):
            fade = math.exp(-4.0 * i / count)
            sample = 0.45 * fade * math.sin(2 * math.pi * freq * i / RATE)
            frames += struct.pack("<h", int(sample * 32767))
    with wave.open(str(wav), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(frames))


def encode(wav: Path, name: str) -> Path:
    target = OUT / f"{name}.ogg"
    subprocess.run(
        ["opusenc", "--quiet", "--bitrate", "16", "--downmix-mono", str(wav), str(target)],
        check=True,
    )
    return target


def main() -> int:
    for tool in ("espeak-ng", "opusenc"):
        if not shutil.which(tool):
            print(f"{tool} is missing: apt-get install -y espeak-ng opus-tools", file=sys.stderr)
            return 1
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.ogg"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "clip.wav"
        chime(wav)
        made = [encode(wav, "chime")]
        texts = {**WORDS, **{f"huruf-{k}": v for k, v in LETTERS.items()}}
        for name, text in texts.items():
            speak(text, wav)
            made.append(encode(wav, name))
    total = sum(p.stat().st_size for p in made)
    print(f"{len(made)} clips, {total / 1024:.0f} KiB in {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
