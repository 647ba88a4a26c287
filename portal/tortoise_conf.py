"""Config for Tortoise's own CLI.

Usage: ``tortoise -c portal.tortoise_conf.TORTOISE_ORM makemigrations``.
"""

from portal.db import tortoise_config
from portal.settings import load_settings

TORTOISE_ORM = tortoise_config(load_settings())
