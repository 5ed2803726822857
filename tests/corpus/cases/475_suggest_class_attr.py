# A misspelt attribute of a class object: dir() of the class
class Config:
    retries = 3
    timeout = 10

print(Config.retries)
print(Config.timout)
