"""Headless Chromium for the board's browser tests and screenshots (Debian's chromium and
chromium-driver, driven by Selenium). Missing browsers fail loudly: CI installs them."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--no-first-run",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)


def executables() -> tuple[str, str]:
    """Paths of chromium and chromedriver; AssertionError (a failure, not a skip) if missing."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    assert browser and driver, (
        "headless Chromium is needed: apt-get install -y chromium chromium-driver"
    )
    return browser, driver


@contextmanager
def chromium(width: int = 1280, height: int = 720, dark: bool = False) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver = executables()
    with tempfile.TemporaryDirectory(prefix="limburglab-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = browser
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        options.add_argument(f"--window-size={width},{height}")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        session = webdriver.Chrome(options=options, service=Service(driver))
        try:
            session.execute_cdp_cmd(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            )
            if dark:
                session.execute_cdp_cmd(
                    "Emulation.setEmulatedMedia",
                    {"features": [{"name": "prefers-color-scheme", "value": "dark"}]},
                )
            yield session
        finally:
            session.quit()
