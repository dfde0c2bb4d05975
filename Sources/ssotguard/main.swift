import Pipeline
print("ssotguard")
