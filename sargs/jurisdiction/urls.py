app_name = "jurisdiction"
urlpatterns: list = []
