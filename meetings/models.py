# Availability, meeting requests and meetings arrive with the scheduling work; the app is
# installed now so its place in the import order (accounts <- exhibitors <- meetings) is fixed.
