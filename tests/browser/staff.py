"""Signing staff in and out of the office pages in a browser test."""

from typing import Any

from tests.accounts.fixtures import PASSWORD


def sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/office/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/office/")


def sign_out(page: Any) -> None:
    page.click("header form button")
    page.wait_for_selector("text=Signed out")
