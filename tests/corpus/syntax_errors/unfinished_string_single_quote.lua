print('it is
