"""Connection to the investlake SQL endpoint (`bin/investlake serve`) for the notebooks in this folder.

The endpoint speaks the HiveServer2 protocol, so JupySQL reaches it through SQLAlchemy and PyHive with the
same URI Superset uses: hive://USER:PASSWORD@HOST:PORT/default?auth=CUSTOM. Settings come from the
environment, so no password is ever written into a notebook:

    INVESTLAKE_HOST      default 127.0.0.1
    INVESTLAKE_PORT      default 10000
    INVESTLAKE_USER      asked for when absent
    INVESTLAKE_PASSWORD  asked for (without echo) when absent
    INVESTLAKE_AUTH      CUSTOM (accounts added with `bin/investlake users add`, the default);
                         NONE for an endpoint started with --no-auth on a loopback address
"""

import os
from getpass import getpass

from sqlalchemy import create_engine
from sqlalchemy.engine import URL


def investlake_engine():
    """A SQLAlchemy engine for the endpoint; pass it to JupySQL with `%sql engine`."""
    auth = os.environ.get("INVESTLAKE_AUTH", "CUSTOM").upper()
    user = os.environ.get("INVESTLAKE_USER") or input("investlake 用户名: ")
    password = None
    if auth == "CUSTOM":
        password = os.environ.get("INVESTLAKE_PASSWORD") or getpass(f"{user} 的密码: ")
    url = URL.create(
        "hive",
        username=user,
        password=password,
        host=os.environ.get("INVESTLAKE_HOST", "127.0.0.1"),
        port=int(os.environ.get("INVESTLAKE_PORT", "10000")),
        database="default",
        query={"auth": auth} if auth == "CUSTOM" else {},
    )
    return create_engine(url)


def chinese_charts():
    """Lets matplotlib draw the Chinese region and sector names (the first of these fonts installed wins)."""
    import matplotlib.pyplot as plt

    plt.rcParams["font.sans-serif"] = [
        "Noto Sans CJK SC",
        "Source Han Sans SC",
        "WenQuanYi Micro Hei",
        "SimHei",
        "Microsoft YaHei",
        "PingFang SC",
        "DejaVu Sans",
    ]
    plt.rcParams["axes.unicode_minus"] = False
