"""Signal receivers, connected by edx-django-utils from plugin_app["signals_config"]."""
