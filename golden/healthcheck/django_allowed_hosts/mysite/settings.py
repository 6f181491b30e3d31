from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEBUG = False
ALLOWED_HOSTS = ["shop.example.com", "www.shop.example.com"]
ROOT_URLCONF = "mysite.urls"
