print("ok \65 then \999")
