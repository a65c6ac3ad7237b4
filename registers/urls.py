from django.urls import path

from registers.views import groups, index, information, notices, relationships

app_name = "registers"
urlpatterns = [
    path("registers/", index.index, name="index"),
    path("registers/groups/", groups.group_list, name="group_list"),
    path("registers/groups/new/", groups.group_new, name="group_new"),
    path("registers/groups/equal-treatment/", groups.equal_treatment,
         name="equal_treatment"),
    path("registers/groups/<str:reference>/", groups.group_detail, name="group_detail"),
    path("registers/groups/<str:reference>/ask-for-the-same/", groups.group_follow_up,
         name="group_follow_up"),
    path("registers/groups/<str:reference>/follow-ups/<int:pk>/done/", groups.follow_up_done,
         name="follow_up_done"),
    path("registers/groups/<str:reference>/<slug:name>/", groups.group_action,
         name="group_action"),
    path("registers/information/", information.info_list, name="info_list"),
    path("registers/information/new/", information.info_new, name="info_new"),
    path("registers/information/<str:reference>/", information.info_detail,
         name="info_detail"),
    path("registers/information/<str:reference>/acknowledge/", information.info_acknowledge,
         name="info_acknowledge"),
    path("registers/information/<str:reference>/<slug:name>/", information.info_action,
         name="info_action"),
    path("registers/relationships/", relationships.relationship_list, name="relationships"),
    path("registers/relationships/new/", relationships.relationship_new,
         name="relationship_new"),
    path("registers/relationships/<int:pk>/", relationships.relationship_detail,
         name="relationship_detail"),
    path("registers/ward-notices/", notices.notice_list, name="notices"),
    path("registers/ward-notices/new/", notices.notice_new, name="notice_new"),
    path("registers/ward-notices/<str:reference>/", notices.notice_detail,
         name="notice_detail"),
]
